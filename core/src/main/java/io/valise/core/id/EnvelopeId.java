package io.valise.core.id;

import java.security.SecureRandom;

/** The random id of an envelope (one encrypted file). */
public record EnvelopeId(long high, long low) implements Id {
  /** A fresh id: 128 bits from {@code random}. */
  public static EnvelopeId random(SecureRandom random) {
    long[] v = Base32Id.random(random);
    return new EnvelopeId(v[0], v[1]);
  }

  /**
   * Reads the text form {@link #text()}.
   *
   * @throws IllegalArgumentException if {@code text} is not exactly a canonical id
   */
  public static EnvelopeId parse(String text) {
    long[] v = Base32Id.parse("EnvelopeId", text);
    return new EnvelopeId(v[0], v[1]);
  }

  @Override
  public String toString() {
    return text();
  }
}
