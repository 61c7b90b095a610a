package io.valise.core.id;

import java.security.SecureRandom;

/** The random id of a pending TOTP enrolment, which its confirmation names. */
public record TotpEnrolmentId(long high, long low) implements Id {
  /** A fresh id: 128 bits from {@code random}. */
  public static TotpEnrolmentId random(SecureRandom random) {
    long[] v = Base32Id.random(random);
    return new TotpEnrolmentId(v[0], v[1]);
  }

  /**
   * Reads the text form {@link #text()}.
   *
   * @throws IllegalArgumentException if {@code text} is not exactly a canonical id
   */
  public static TotpEnrolmentId parse(String text) {
    long[] v = Base32Id.parse("TotpEnrolmentId", text);
    return new TotpEnrolmentId(v[0], v[1]);
  }

  @Override
  public String toString() {
    return text();
  }
}
