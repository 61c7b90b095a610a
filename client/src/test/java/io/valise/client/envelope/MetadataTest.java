package io.valise.client.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.age.FileKey;
import io.valise.age.PayloadException;
import java.io.IOException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class MetadataTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void roundTripUnderTheFileKey() throws Exception {
    Metadata m = new Metadata("résultats 2026-11-25.csv", "text/csv", 1234);
    try (FileKey key = FileKey.generate(RANDOM)) {
      byte[] sealed = m.seal(key, RANDOM);
      assertEquals(m, Metadata.open(sealed, key));
      // a fresh nonce each time: two seals differ
      assertEquals(false, java.util.Arrays.equals(sealed, m.seal(key, RANDOM)));
    }
  }

  @Test
  void anotherKeyOrATamperedByteFails() throws Exception {
    Metadata m = new Metadata("a.txt", "text/plain", 1);
    try (FileKey key = FileKey.generate(RANDOM);
        FileKey other = FileKey.generate(RANDOM)) {
      byte[] sealed = m.seal(key, RANDOM);
      assertThrows(PayloadException.class, () -> Metadata.open(sealed, other));
      sealed[sealed.length - 1] ^= 1;
      assertThrows(PayloadException.class, () -> Metadata.open(sealed, key));
    }
  }

  @Test
  void aHugeNameIsRefused() throws Exception {
    try (FileKey key = FileKey.generate(RANDOM)) {
      Metadata m = new Metadata("x".repeat(5000), "text/plain", 1);
      assertThrows(IOException.class, () -> m.seal(key, RANDOM));
    }
  }
}
