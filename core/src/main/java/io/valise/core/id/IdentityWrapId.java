package io.valise.core.id;

import java.security.SecureRandom;

/** The random id of an identity wrap (an account's age identity, encrypted by its owner). */
public record IdentityWrapId(long high, long low) implements Id {
  /** A fresh id: 128 bits from {@code random}. */
  public static IdentityWrapId random(SecureRandom random) {
    long[] v = Base32Id.random(random);
    return new IdentityWrapId(v[0], v[1]);
  }

  /**
   * Reads the text form {@link #text()}.
   *
   * @throws IllegalArgumentException if {@code text} is not exactly a canonical id
   */
  public static IdentityWrapId parse(String text) {
    long[] v = Base32Id.parse("IdentityWrapId", text);
    return new IdentityWrapId(v[0], v[1]);
  }

  @Override
  public String toString() {
    return text();
  }
}
