package io.valise.age.aead;

import static io.valise.age.testing.Properties.bytes;
import static io.valise.age.testing.Properties.forAll;
import static io.valise.age.testing.Properties.size;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Every available backend seals as the JDK does and opens what the JDK sealed. Where OpenSSL is
 * missing this only compares the JDK with itself; {@link ChaCha20Poly1305Test} reports the skip (or
 * fails, under {@code valise.requireInterop}).
 */
class CrossBackendPropertiesTest {
  @Test
  void everyBackendAgreesWithTheJdk() {
    forAll(
        "everyBackendAgreesWithTheJdk",
        300,
        random -> {
          byte[] key = bytes(random, 32);
          byte[] nonce = bytes(random, 12);
          byte[] plaintext = bytes(random, size(random, 5000));
          byte[] expected = new byte[plaintext.length + ChaCha20Poly1305.TAG_LENGTH];
          try (ChaCha20Poly1305 jdk = AeadBackends.jdk().newCipher(key)) {
            jdk.seal(nonce, plaintext, 0, plaintext.length, expected, 0);
          }
          for (AeadBackend backend : TestBackends.available()) {
            try (ChaCha20Poly1305 cipher = backend.newCipher(key)) {
              byte[] sealed = new byte[expected.length];
              cipher.seal(nonce, plaintext, 0, plaintext.length, sealed, 0);
              assertArrayEquals(expected, sealed, backend.name());
              byte[] opened = new byte[plaintext.length];
              cipher.open(nonce, expected, 0, expected.length, opened, 0);
              assertArrayEquals(plaintext, opened, backend.name());
            }
          }
        });
  }
}
