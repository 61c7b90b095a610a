package io.valise.age.pq;

import java.security.SecureRandom;
import java.util.Arrays;

/** A "random" source that hands out fixed bytes in order, to replay derandomized test vectors. */
final class ScriptedRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private final byte[] script;
  private int position;

  ScriptedRandom(byte[] script) {
    this.script = script.clone();
  }

  @Override
  public void nextBytes(byte[] bytes) {
    if (position + bytes.length > script.length) {
      throw new IllegalStateException("Scripted randomness exhausted");
    }
    System.arraycopy(script, position, bytes, 0, bytes.length);
    position += bytes.length;
  }

  /** True when every scripted byte was drawn. */
  boolean exhausted() {
    return position == script.length;
  }

  @Override
  public String toString() {
    return "ScriptedRandom" + Arrays.toString(new int[] {position, script.length});
  }
}
