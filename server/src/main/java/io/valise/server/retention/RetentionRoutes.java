package io.valise.server.retention;

import io.valise.core.auth.TokenScope;
import io.valise.core.retention.RetentionReport;
import io.valise.core.retention.RetentionRepository;
import io.valise.server.http.Exchange;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * {@code GET /api/admin/retention} (administrators): what is stored, for whom, until when; the same
 * report, in the same JSON, as {@code valise admin retention --json} prints (see {@link
 * RetentionJson}). It names accounts and sizes, never contents.
 */
public final class RetentionRoutes {
  private final RetentionRepository retention;
  private final Clock clock;

  public RetentionRoutes(RetentionRepository retention, Clock clock) {
    this.retention = retention;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(
        new Route("GET", "/api/admin/retention", Access.ADMIN, TokenScope.ADMIN, this::report));
  }

  /** The report now, as the operator command and the route both make it. */
  public static RetentionReport report(RetentionRepository retention, Clock clock) {
    var now = clock.instant();
    return RetentionReport.of(now, retention.envelopes(now));
  }

  private void report(Exchange ex) throws IOException {
    ex.responseHeader("Cache-Control", "no-store");
    ex.json(200, RetentionJson.of(report(retention, clock)));
  }
}
