package io.valise.core.auth;

import io.valise.age.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A random 256-bit bearer token written as a fixed prefix and 43 base64url characters, for example
 * {@code vlt_} followed by the key. The prefix lets people and secret scanners recognise a leaked
 * token. Only its {@link #hash()} is stored. Prints as {@code Name[REDACTED]}, compares in constant
 * time, wipes itself on {@link #close()}.
 */
public abstract sealed class BearerToken extends SecretBytes permits ApiToken, SessionToken {
  /** Random bytes in a token. */
  public static final int BYTES = 32;

  private static final int ENCODED = 43;

  BearerToken(byte[] owned) {
    super(owned);
  }

  static byte[] random(SecureRandom random) {
    byte[] raw = new byte[BYTES];
    random.nextBytes(raw);
    return raw;
  }

  /**
   * The raw bytes of a presented token, checked strictly.
   *
   * @throws AuthFormatException if the text is not {@code prefix} and 43 canonical base64url
   *     characters; the message never contains the text
   */
  static byte[] decode(String prefix, String text, String kind) {
    if (text.length() != prefix.length() + ENCODED || !text.startsWith(prefix)) {
      throw new AuthFormatException(
          "%s must be [%s] followed by [%d] base64url characters".formatted(kind, prefix, ENCODED));
    }
    String body = text.substring(prefix.length());
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new AuthFormatException("%s is not base64url".formatted(kind));
    }
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(body)) {
      throw new AuthFormatException("%s is not canonical base64url".formatted(kind));
    }
    return raw;
  }

  /** The prefix of this kind of token, such as {@code vlt_}. */
  abstract String prefix();

  /** The hash under which this token is stored. */
  public final TokenHash hash() {
    return TokenHash.compute(prefix(), secret());
  }

  /**
   * The token as text, to hand to its holder once. The string cannot be wiped: do not keep it.
   *
   * @throws IllegalStateException if destroyed
   */
  public final String reveal() {
    return prefix() + Base64.getUrlEncoder().withoutPadding().encodeToString(secret());
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof BearerToken t && sameSecret(t);
  }

  @Override
  public final int hashCode() {
    return 0;
  }
}
