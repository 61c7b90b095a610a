package io.valise.core.id;

import java.security.SecureRandom;

/**
 * The public id of a session: what its owner sees in the list of their sessions and names to end
 * one. Random, never derived from the session token or its hash.
 */
public record SessionId(long high, long low) implements Id {
  /** A fresh id: 128 bits from {@code random}. */
  public static SessionId random(SecureRandom random) {
    long[] v = Base32Id.random(random);
    return new SessionId(v[0], v[1]);
  }

  /**
   * Reads the text form {@link #text()}.
   *
   * @throws IllegalArgumentException if {@code text} is not exactly a canonical id
   */
  public static SessionId parse(String text) {
    long[] v = Base32Id.parse("SessionId", text);
    return new SessionId(v[0], v[1]);
  }

  @Override
  public String toString() {
    return text();
  }
}
