package io.valise.core.id;

import java.security.SecureRandom;

/** The random id of a share link. */
public record ShareId(long high, long low) implements Id {
  /** A fresh id: 128 bits from {@code random}. */
  public static ShareId random(SecureRandom random) {
    long[] v = Base32Id.random(random);
    return new ShareId(v[0], v[1]);
  }

  /**
   * Reads the text form {@link #text()}.
   *
   * @throws IllegalArgumentException if {@code text} is not exactly a canonical id
   */
  public static ShareId parse(String text) {
    long[] v = Base32Id.parse("ShareId", text);
    return new ShareId(v[0], v[1]);
  }

  @Override
  public String toString() {
    return text();
  }
}
