package io.valise.core.id;

import java.security.SecureRandom;

/** The random id of an API token. */
public record ApiTokenId(long high, long low) implements Id {
  /** A fresh id: 128 bits from {@code random}. */
  public static ApiTokenId random(SecureRandom random) {
    long[] v = Base32Id.random(random);
    return new ApiTokenId(v[0], v[1]);
  }

  /**
   * Reads the text form {@link #text()}.
   *
   * @throws IllegalArgumentException if {@code text} is not exactly a canonical id
   */
  public static ApiTokenId parse(String text) {
    long[] v = Base32Id.parse("ApiTokenId", text);
    return new ApiTokenId(v[0], v[1]);
  }

  @Override
  public String toString() {
    return text();
  }
}
