package io.valise.server.http;

import io.valise.core.auth.TokenScope;
import io.valise.server.health.Metrics;
import java.io.PrintStream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty handler: routing, then the one authentication filter (default deny: only routes marked
 * public skip it, and unknown paths do not), then the route, with every failure turned into a
 * problem detail by {@link ProblemMapper}. Blocking code on virtual threads.
 */
public final class HttpApi extends Handler.Abstract {
  private final Router router;
  private final Authenticator authenticator;
  private final Metrics metrics;
  private final PrintStream log;

  public HttpApi(Router router, Authenticator authenticator, Metrics metrics, PrintStream log) {
    this.router = router;
    this.authenticator = authenticator;
    this.metrics = metrics;
    this.log = log;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    String path = request.getHttpURI().getPath();
    Router.Match match = router.match(method, path == null ? "/" : path);
    Exchange ex = new Exchange(request, response, match.params());
    SecurityHeaders.apply(response);
    try {
      Route route = match.route();
      if (route == null || route.access() != Route.Access.PUBLIC) {
        Principal who = authenticator.authenticate(ex);
        ex.principal(who);
        TokenScope scope = route == null ? null : route.scope();
        if (route != null && route.access() != Route.Access.ANY_CREDENTIAL && !who.mayUse(scope)) {
          throw new ApiException.Forbidden(
              "insufficient_scope",
              scope == null
                  ? "This route needs a session, not an API token"
                  : "This route needs an API token with scope " + scope.label());
        }
        if (route != null && route.access() == Route.Access.ADMIN && !who.admin()) {
          throw new ApiException.Forbidden("not_admin", "This route is for administrators");
        }
      }
      if (route == null) {
        throw match.pathExists()
            ? new ApiException.MethodNotAllowed(method)
            : new ApiException.NotFound("No route for this path");
      }
      route.handler().handle(ex);
    } catch (Throwable t) {
      Problem p = ProblemMapper.map(t);
      if (p.status() >= 500) {
        log.println("valise: " + method + " " + path + " failed: " + t);
      }
      if (ex.committed()) {
        metrics.request(500);
        callback.failed(t);
        return true;
      }
      try {
        ex.problem(p);
      } catch (Throwable e) {
        metrics.request(500);
        callback.failed(e);
        return true;
      }
    }
    metrics.request(ex.status());
    callback.succeeded();
    return true;
  }
}
