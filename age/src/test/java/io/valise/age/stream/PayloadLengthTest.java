package io.valise.age.stream;

import static io.valise.age.stream.Fixtures.CHUNK;
import static io.valise.age.stream.Fixtures.NONCE;
import static io.valise.age.stream.Fixtures.SEALED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.FileKey;
import io.valise.age.PayloadException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The length arithmetic between plaintexts and payloads, and the PayloadKey secret's manners. */
class PayloadLengthTest {
  @Test
  void payloadLengthsAtChunkBoundaries() {
    assertEquals(NONCE + 16, Payload.payloadLength(0));
    assertEquals(NONCE + 17, Payload.payloadLength(1));
    assertEquals(NONCE + SEALED, Payload.payloadLength(CHUNK));
    assertEquals(NONCE + SEALED + 17, Payload.payloadLength(CHUNK + 1));
    assertEquals(NONCE + 2 * SEALED, Payload.payloadLength(2 * CHUNK));
  }

  @Test
  void validPayloadLengthsAreExactlyTheImagesOfPlaintextLengths() throws PayloadException {
    int max = 3 * CHUNK + 40;
    Set<Long> images = new HashSet<>();
    for (long p = 0; p <= max; p++) {
      long length = Payload.payloadLength(p);
      images.add(length);
      assertEquals(p, Payload.plaintextLength(length));
    }
    for (long length = 0; length <= Payload.payloadLength(max); length++) {
      boolean valid = images.contains(length);
      try {
        Payload.plaintextLength(length);
        assertTrue(valid, "accepted impossible payload length " + length);
      } catch (PayloadException e) {
        assertFalse(valid, "rejected valid payload length " + length);
      }
    }
  }

  @Test
  void extremeLengthsFailCleanly() throws PayloadException {
    assertThrows(IllegalArgumentException.class, () -> Payload.payloadLength(-1));
    assertThrows(ArithmeticException.class, () -> Payload.payloadLength(Long.MAX_VALUE));
    long huge = Payload.plaintextLength(Long.MAX_VALUE); // no overflow on the way
    assertTrue(huge > 0 && Payload.payloadLength(huge) == Long.MAX_VALUE);
    assertThrows(PayloadException.class, () -> Payload.plaintextLength(-5));
  }

  @Test
  void payloadKeyIsARedactedWipedSecret() {
    var key = PayloadKey.derive(FileKey.of(Fixtures.FILE_KEY), Fixtures.NONCE_BYTES);
    assertEquals("PayloadKey[REDACTED]", key.toString());
    key.close();
    assertTrue(key.isDestroyed());
    assertThrows(
        IllegalStateException.class, () -> key.newCipher(io.valise.age.aead.AeadBackends.jdk()));
    assertThrows(
        IllegalArgumentException.class,
        () -> PayloadKey.derive(FileKey.of(Fixtures.FILE_KEY), new byte[15]));
  }
}
