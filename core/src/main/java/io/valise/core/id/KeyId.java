package io.valise.core.id;

import java.security.SecureRandom;

/** The random id of a published key in the key directory. */
public record KeyId(long high, long low) implements Id {
  /** A fresh id: 128 bits from {@code random}. */
  public static KeyId random(SecureRandom random) {
    long[] v = Base32Id.random(random);
    return new KeyId(v[0], v[1]);
  }

  /**
   * Reads the text form {@link #text()}.
   *
   * @throws IllegalArgumentException if {@code text} is not exactly a canonical id
   */
  public static KeyId parse(String text) {
    long[] v = Base32Id.parse("KeyId", text);
    return new KeyId(v[0], v[1]);
  }

  @Override
  public String toString() {
    return text();
  }
}
