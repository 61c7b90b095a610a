package io.valise.server.http;

import io.valise.core.auth.TokenHash;
import io.valise.core.auth.TokenScope;
import io.valise.core.id.AccountId;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller of a request, set by the authentication filter and nowhere else.
 *
 * @param session the hash of the session token, or of the API token for a token caller
 * @param tokenScopes what an API token allows; null for a session, which may call every route
 */
public record Principal(
    AccountId account,
    String name,
    boolean admin,
    TokenHash session,
    @Nullable Set<TokenScope> tokenScopes) {

  /** A caller with a session. */
  public Principal(AccountId account, String name, boolean admin, TokenHash session) {
    this(account, name, admin, session, null);
  }

  public Principal {
    tokenScopes = tokenScopes == null ? null : Set.copyOf(tokenScopes);
  }

  /**
   * Whether this caller may use a route that needs {@code scope}: a session may call every route;
   * an API token only routes that name one of its scopes (null: sessions only).
   */
  public boolean mayUse(@Nullable TokenScope scope) {
    Set<TokenScope> s = tokenScopes;
    return s == null || (scope != null && s.contains(scope));
  }
}
