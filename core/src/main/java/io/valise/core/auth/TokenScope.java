package io.valise.core.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API token may do. Scopes are independent: {@link #ADMIN} does not imply the others, so a
 * token grants exactly what its list says.
 */
public enum TokenScope {
  /** Upload envelopes and add recipients. */
  SEND,
  /** List the inbox and download envelopes. */
  RECEIVE,
  /** Publish and revoke the account's own recipient keys. */
  KEYS,
  /** Manage accounts, groups and policies. */
  ADMIN;

  /** The lower-case name used in scope lists, such as {@code send}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a comma-separated list of lower-case scope names, such as {@code send,receive}.
   *
   * @throws AuthFormatException if the list is empty, has an empty or unknown name, spaces, upper
   *     case, or a duplicate
   */
  public static Set<TokenScope> parseList(String list) {
    if (list.isEmpty()) {
      throw new AuthFormatException("Scope list is empty");
    }
    EnumSet<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
    for (String name : list.split(",", -1)) {
      TokenScope scope = byLabel(name);
      if (!scopes.add(scope)) {
        throw new AuthFormatException("Scope [%s] listed twice".formatted(name));
      }
    }
    return Set.copyOf(scopes);
  }

  /** The canonical list for {@code scopes}: lower-case names in declaration order, no spaces. */
  public static String formatList(Set<TokenScope> scopes) {
    return EnumSet.copyOf(scopes).stream().map(TokenScope::label).collect(Collectors.joining(","));
  }

  private static TokenScope byLabel(String name) {
    for (TokenScope scope : values()) {
      if (scope.label().equals(name)) {
        return scope;
      }
    }
    // The name is not a secret; cut it so a hostile list cannot flood the log.
    String shown = name.length() > 32 ? name.substring(0, 32) + "…" : name;
    throw new AuthFormatException(
        "Unknown scope [%s]; known: send, receive, keys, admin".formatted(shown));
  }
}
