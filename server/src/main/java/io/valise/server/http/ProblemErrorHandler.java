package io.valise.server.http;

import io.valise.server.health.Metrics;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty itself answers before any route runs (an ambiguous path, a malformed request line):
 * a problem detail like every other error, never Jetty's HTML page.
 */
public final class ProblemErrorHandler extends ErrorHandler {
  private final Metrics metrics;

  public ProblemErrorHandler(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus() >= 400 ? response.getStatus() : 500;
    if (request.getAttribute(ERROR_STATUS) instanceof Integer s && s >= 400) {
      status = s;
    }
    String reason = HttpStatus.getMessage(status);
    Problem p =
        new Problem(
            status,
            status == 400 ? "bad_request" : "http_" + status,
            reason,
            "The request was refused by the HTTP layer: " + reason);
    var body = Json.object();
    body.put("type", p.type());
    body.put("title", p.title());
    body.put("status", p.status());
    body.put("detail", p.detail());
    body.put("code", p.code());
    byte[] bytes = Json.write(body);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    metrics.request(status);
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }
}
