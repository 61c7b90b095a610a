package io.valise.core.auth;

/**
 * A credential string (PHC hash, token, scope list, base32 secret) is malformed. The message names
 * the bad part and the rule it breaks; it never contains the secret itself, so it is safe to log
 * and to return to a client.
 */
public final class AuthFormatException extends IllegalArgumentException {
  /** A new exception with a message safe to show. */
  public AuthFormatException(String message) {
    super(message);
  }
}
