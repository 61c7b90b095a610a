package io.valise.core.auth;

/** A failed attempt that the brute-force defence scores. */
public enum Offence {
  /** Wrong password, or a login for a name that is not an account. */
  FAILED_LOGIN,
  /** Wrong or replayed TOTP code after a correct password. */
  FAILED_SECOND_FACTOR,
  /** A malformed, unknown, expired or under-scoped API or session token. */
  BAD_TOKEN,
  /** Wrong password for a password-protected share link. */
  BAD_SHARE_PASSWORD
}
