package io.valise.age.aead;

import java.util.Objects;

/** Argument checks shared by the backends, so every backend fails the same way. */
final class Checks {
  private Checks() {}

  static void key(byte[] key) {
    if (key.length != ChaCha20Poly1305.KEY_LENGTH) {
      throw new IllegalArgumentException(
          "Key length [%d] not equal to required length [%d]"
              .formatted(key.length, ChaCha20Poly1305.KEY_LENGTH));
    }
  }

  static void ranges(
      byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
    if (nonce.length != ChaCha20Poly1305.NONCE_LENGTH) {
      throw new IllegalArgumentException(
          "Nonce length [%d] not equal to required length [%d]"
              .formatted(nonce.length, ChaCha20Poly1305.NONCE_LENGTH));
    }
    Objects.checkFromIndexSize(inOff, inLen, in.length);
    Objects.checkFromIndexSize(outOff, outLen, out.length);
    if (in == out && inOff != outOff) {
      throw new IllegalArgumentException("In-place operation needs inOff == outOff");
    }
  }
}
