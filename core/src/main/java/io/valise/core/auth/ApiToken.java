package io.valise.core.auth;

import java.security.SecureRandom;

/** An API token for automation: {@code vlt_} and 256 random bits in base64url. */
public final class ApiToken extends BearerToken {
  /** Prefix of every API token. */
  public static final String PREFIX = "vlt_";

  private ApiToken(byte[] owned) {
    super(owned);
  }

  /** A new random token. */
  public static ApiToken generate(SecureRandom random) {
    return new ApiToken(random(random));
  }

  /**
   * Reads a presented token.
   *
   * @throws AuthFormatException if it is not {@code vlt_} and 43 canonical base64url characters
   */
  public static ApiToken parse(String text) {
    return new ApiToken(decode(PREFIX, text, "API token"));
  }

  @Override
  String prefix() {
    return PREFIX;
  }
}
