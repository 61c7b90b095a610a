package io.valise.age.aead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import javax.crypto.AEADBadTagException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Every available backend seals as the JDK does and opens what the JDK sealed. Where OpenSSL is
 * missing this only compares the JDK with itself; {@link ChaCha20Poly1305Test} reports the skip (or
 * fails, under {@code valise.requireInterop}).
 */
class CrossBackendPropertiesTest {
  @Property(tries = 300)
  void everyBackendAgreesWithTheJdk(
      @ForAll @Size(32) byte[] key,
      @ForAll @Size(12) byte[] nonce,
      @ForAll @Size(max = 5000) byte[] plaintext)
      throws AEADBadTagException {
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
  }
}
