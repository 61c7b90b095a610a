package io.valise.core.auth;

import java.time.Duration;

/**
 * How TOTP codes are computed and accepted.
 *
 * @param algorithm HMAC hash
 * @param digits code length, 6 to 8 (RFC 4226 section 5.3)
 * @param step time step X of RFC 6238, whole seconds from 1 s to 10 min
 * @param window steps accepted either side of the current one, 0 to 3, for clock drift and typing
 *     time
 */
public record TotpParameters(TotpAlgorithm algorithm, int digits, Duration step, int window) {

  /** SHA1, 6 digits, 30 s, ±1 step: what every authenticator app accepts from a QR code. */
  public static final TotpParameters DEFAULT =
      new TotpParameters(TotpAlgorithm.SHA1, 6, Duration.ofSeconds(30), 1);

  /**
   * Validates the parameters.
   *
   * @throws IllegalArgumentException naming the value out of range
   */
  public TotpParameters {
    if (digits < 6 || digits > 8) {
      throw new IllegalArgumentException("TOTP digits [%d] not in [6, 8]".formatted(digits));
    }
    if (step.toNanosPart() != 0 || step.toSeconds() < 1 || step.toSeconds() > 600) {
      throw new IllegalArgumentException(
          "TOTP step [%s] is not whole seconds in [1, 600]".formatted(step));
    }
    if (window < 0 || window > 3) {
      throw new IllegalArgumentException("TOTP window [%d] not in [0, 3]".formatted(window));
    }
  }
}
