package io.valise.core.id;

import java.security.SecureRandom;

/** The random id of a passkey (a WebAuthn credential registered by an account). */
public record PasskeyId(long high, long low) implements Id {
  /** A fresh id: 128 bits from {@code random}. */
  public static PasskeyId random(SecureRandom random) {
    long[] v = Base32Id.random(random);
    return new PasskeyId(v[0], v[1]);
  }

  /**
   * Reads the text form {@link #text()}.
   *
   * @throws IllegalArgumentException if {@code text} is not exactly a canonical id
   */
  public static PasskeyId parse(String text) {
    long[] v = Base32Id.parse("PasskeyId", text);
    return new PasskeyId(v[0], v[1]);
  }

  @Override
  public String toString() {
    return text();
  }
}
