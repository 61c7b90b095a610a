package io.valise.core.auth;

import java.security.SecureRandom;

/** A session token for a signed-in person: {@code vls_} and 256 random bits in base64url. */
public final class SessionToken extends BearerToken {
  /** Prefix of every session token. */
  public static final String PREFIX = "vls_";

  private SessionToken(byte[] owned) {
    super(owned);
  }

  /** A new random token. */
  public static SessionToken generate(SecureRandom random) {
    return new SessionToken(random(random));
  }

  /**
   * Reads a presented token.
   *
   * @throws AuthFormatException if it is not {@code vls_} and 43 canonical base64url characters
   */
  public static SessionToken parse(String text) {
    return new SessionToken(decode(PREFIX, text, "Session token"));
  }

  @Override
  String prefix() {
    return PREFIX;
  }
}
