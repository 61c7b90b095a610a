package io.valise.core.id;

import java.security.SecureRandom;

/** The random id of a WebAuthn challenge the server issued and has not yet consumed. */
public record ChallengeId(long high, long low) implements Id {
  /** A fresh id: 128 bits from {@code random}. */
  public static ChallengeId random(SecureRandom random) {
    long[] v = Base32Id.random(random);
    return new ChallengeId(v[0], v[1]);
  }

  /**
   * Reads the text form {@link #text()}.
   *
   * @throws IllegalArgumentException if {@code text} is not exactly a canonical id
   */
  public static ChallengeId parse(String text) {
    long[] v = Base32Id.parse("ChallengeId", text);
    return new ChallengeId(v[0], v[1]);
  }

  @Override
  public String toString() {
    return text();
  }
}
