package io.valise.server.http;

import io.valise.core.auth.TokenScope;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One API route: a method, a path template whose {@code {name}} segments capture one path segment
 * each, who may call it, the API-token scope it needs (null: sessions only), and the handler.
 */
public record Route(
    String method, String template, Access access, @Nullable TokenScope scope, Handler handler) {
  /** A route that API tokens may not call. */
  public Route(String method, String template, Access access, Handler handler) {
    this(method, template, access, null, handler);
  }

  /**
   * Who may call a route. Public: health, metrics, the API document, login, and the share-link
   * routes (a link is its own capability). Authenticated: any session, or a token with the route's
   * scope. Any credential: any session, or an API token whatever its scopes (for what every caller
   * may read, such as the policy). Admin: an administrator's session, or an administrator's token
   * with the route's scope (which is {@code admin}); anyone else gets 403 {@code not_admin}.
   */
  public enum Access {
    PUBLIC,
    AUTHENTICATED,
    ANY_CREDENTIAL,
    ADMIN
  }

  /** What a route does with an exchange. */
  @FunctionalInterface
  public interface Handler {
    void handle(Exchange exchange) throws Exception;
  }

  List<String> segments() {
    return Router.split(template);
  }
}
