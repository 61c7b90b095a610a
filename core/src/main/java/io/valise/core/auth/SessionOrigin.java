package io.valise.core.auth;

import org.jspecify.annotations.Nullable;

/**
 * How a session was opened, for its owner's list of sessions: the sign-in method and the address it
 * came from.
 *
 * @param method {@code password}, {@code password+totp}, {@code passkey}: lower-case letters,
 *     digits and {@code +-}, 1 to 32 characters
 * @param source the client's address as text (at most 64 characters), or null if not known
 */
public record SessionOrigin(String method, @Nullable String source) {
  /**
   * Checks both values.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public SessionOrigin {
    if (!method.matches("[a-z0-9+-]{1,32}")) {
      throw new IllegalArgumentException("Session method [" + preview(method) + "] is malformed");
    }
    if (source != null && (source.isEmpty() || source.length() > 64 || !printable(source))) {
      throw new IllegalArgumentException("Session source [" + preview(source) + "] is malformed");
    }
  }

  private static boolean printable(String s) {
    return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  private static String preview(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
