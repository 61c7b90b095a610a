package io.valise.server.health;

import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The public routes: health, metrics and the OpenAPI document. */
public final class HealthRoutes {
  /** Where the hand-written OpenAPI 3.1 document is kept. */
  public static final String OPENAPI = "/io/valise/server/http/openapi.json";

  private final Metrics metrics;
  private final byte[] openApi;

  public HealthRoutes(Metrics metrics) {
    this.metrics = metrics;
    this.openApi = openApiDocument();
  }

  /** The document's bytes, as shipped in the jar. */
  public static byte[] openApiDocument() {
    try (InputStream in = HealthRoutes.class.getResourceAsStream(OPENAPI)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + OPENAPI);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Route> routes() {
    return List.of(
        new Route(
            "GET",
            "/api/health",
            Access.PUBLIC,
            ex -> ex.json(200, Json.object().put("status", "ok"))),
        new Route(
            "GET",
            "/metrics",
            Access.PUBLIC,
            ex ->
                ex.send(
                    200,
                    "text/plain; version=0.0.4; charset=utf-8",
                    metrics.render().getBytes(StandardCharsets.UTF_8))),
        new Route(
            "GET",
            "/api/openapi.json",
            Access.PUBLIC,
            ex -> ex.send(200, "application/json", openApi)));
  }
}
