package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.core.id.EnvelopeId;
import io.valise.server.http.Route;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HttpApiTest extends ServerTest {
  @Test
  void healthMetricsAndTheApiDocumentArePublic() throws Exception {
    HttpResponse<String> health = get("/api/health", null);
    assertEquals(200, health.statusCode());
    assertEquals("ok", json(health.body()).get("status").asText());
    HttpResponse<String> metrics = get("/metrics", null);
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("valise_http_responses_total{status=\"200\"} "));
    assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertEquals(200, get("/api/openapi.json", null).statusCode());
  }

  @Test
  void theApiDocumentDescribesEveryRoute() throws Exception {
    JsonNode paths = json(get("/api/openapi.json", null).body()).get("paths");
    for (Route r : server().router().routes()) {
      JsonNode path = paths.get(r.template());
      assertTrue(path != null, "OpenAPI lacks " + r.template());
      assertTrue(path.has(r.method().toLowerCase(java.util.Locale.ROOT)), r + " not documented");
      boolean isPublic = path.get(r.method().toLowerCase(java.util.Locale.ROOT)).has("security");
      assertEquals(r.access() == Route.Access.PUBLIC, isPublic, r.template() + " security");
    }
  }

  @Test
  void everyNonPublicRouteAndUnknownPathDeniesWithoutCredentials() throws Exception {
    String id = EnvelopeId.random(random).text();
    for (Route r : server().router().routes()) {
      if (r.access() == Route.Access.PUBLIC) {
        continue;
      }
      String path =
          r.template()
              .replace("{id}", id)
              .replace("{linkId}", id)
              .replaceAll("\\{[a-z]+\\}", "alice");
      HttpResponse<String> resp =
          http.send(
              HttpRequest.newBuilder(uri(path))
                  .method(r.method(), HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertProblem(resp, 401, "unauthenticated");
      assertTrue(resp.headers().firstValue("WWW-Authenticate").isPresent());
    }
    assertProblem(get("/api/nothing-here", null), 401, "unauthenticated");
    assertProblem(get("/api/%2e%2e/%2e%2e/etc/passwd", null), 400, "bad_request");
    assertProblem(get("/api/me", "vls_not-a-token"), 401, "bad_token");
  }

  @Test
  void unknownRoutesAndBadRequestsAreProblemDetails() throws Exception {
    addUser("alice");
    String token = session("alice");
    assertProblem(get("/api/nothing-here", token), 404, "not_found");
    HttpResponse<String> wrongMethod =
        http.send(
            HttpRequest.newBuilder(uri("/api/inbox"))
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertProblem(wrongMethod, 405, "method_not_allowed");
    for (String body :
        new String[] {
          "{",
          "[]",
          "{\"name\":1,\"password\":\"x\"}",
          "{\"name\":\"a\",\"password\":\"x\",\"extra\":true}",
          "{\"name\":\"a\",\"name\":\"b\"}"
        }) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri("/api/login"))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertProblem(r, 400, "bad_json");
      assertFalse(r.body().contains("at "), "no stack trace: " + r.body());
    }
  }
}
