package io.valise.age.stream;

import java.security.SecureRandom;

/** A "random" source that always yields the same bytes, to pin the payload nonce in tests. */
final class FixedRandom extends SecureRandom {
  private final byte[] bytes;

  FixedRandom(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  @Override
  public void nextBytes(byte[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes[i % bytes.length];
    }
  }
}
