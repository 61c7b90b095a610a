package io.valise.age.aead;

import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * The checks a backend must pass before {@link AeadBackends} trusts it: the known answer, a long
 * message that reaches the vectorised code paths compared with the JDK, and rejection of a bad tag
 * (a binding that ignored Final's result would pass the first two).
 */
final class SelfTest {
  private SelfTest() {}

  /** Long enough for 8-block SIMD loops, odd so a partial block is left at the end. */
  private static final int LONG_LENGTH = 4096 + 7;

  /**
   * Runs every check against {@code candidate}.
   *
   * @throws IllegalStateException naming the first check that failed
   */
  static void run(AeadBackend candidate) {
    byte[] key = KnownAnswer.key();
    byte[] nonce = KnownAnswer.nonce();
    try (ChaCha20Poly1305 cipher = candidate.newCipher(key);
        ChaCha20Poly1305 reference = AeadBackends.jdk().newCipher(key)) {
      byte[] plaintext = KnownAnswer.plaintext();
      expect(Arrays.equals(seal(cipher, nonce, plaintext), KnownAnswer.sealed()), "known answer");
      expect(Arrays.equals(open(cipher, nonce, KnownAnswer.sealed()), plaintext), "known open");

      byte[] longText = new byte[LONG_LENGTH];
      for (int i = 0; i < longText.length; i++) {
        longText[i] = (byte) (i * 31 + 7);
      }
      byte[] sealed = seal(cipher, nonce, longText);
      expect(Arrays.equals(sealed, seal(reference, nonce, longText)), "long message vs JDK");
      expect(Arrays.equals(open(cipher, nonce, sealed), longText), "long message open");

      sealed[sealed.length - 1] ^= 1;
      expect(rejects(cipher, nonce, sealed), "bad tag rejected");
    } catch (AEADBadTagException | RuntimeException e) {
      throw new IllegalStateException(
          "Backend [%s] failed its self-test".formatted(candidate.name()), e);
    }
  }

  private static byte[] seal(ChaCha20Poly1305 cipher, byte[] nonce, byte[] plaintext) {
    byte[] out = new byte[plaintext.length + ChaCha20Poly1305.TAG_LENGTH];
    cipher.seal(nonce, plaintext, 0, plaintext.length, out, 0);
    return out;
  }

  private static byte[] open(ChaCha20Poly1305 cipher, byte[] nonce, byte[] sealed)
      throws AEADBadTagException {
    byte[] out = new byte[sealed.length - ChaCha20Poly1305.TAG_LENGTH];
    cipher.open(nonce, sealed, 0, sealed.length, out, 0);
    return out;
  }

  private static boolean rejects(ChaCha20Poly1305 cipher, byte[] nonce, byte[] sealed) {
    try {
      open(cipher, nonce, sealed);
      return false;
    } catch (AEADBadTagException expected) {
      return true;
    }
  }

  private static void expect(boolean passed, String check) {
    if (!passed) {
      throw new IllegalStateException("Self-test check [%s] failed".formatted(check));
    }
  }
}
