package io.valise.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.valise.client.state.BearerToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The transport under {@link ValiseApi}: builds requests against the base URL, adds the bearer
 * token, and turns any answer outside 2xx into an {@link ApiProblem}.
 */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final HttpClient client;
  private final String base;
  private final @Nullable BearerToken token;

  Http(HttpClient client, String base, @Nullable BearerToken token) {
    this.client = client;
    this.base = base;
    this.token = token;
  }

  String base() {
    return base;
  }

  HttpRequest.Builder request(String path, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
    if (token != null) {
      b.header("Authorization", "Bearer " + token.reveal());
    }
    headers.forEach(b::header);
    return b;
  }

  /** Sends and returns the JSON answer (an empty object for 204). */
  JsonNode json(HttpRequest request) throws IOException {
    HttpResponse<InputStream> r = send(request);
    try (InputStream in = r.body()) {
      byte[] body = in.readAllBytes();
      if (body.length == 0) {
        return JSON.createObjectNode();
      }
      return JSON.readTree(body);
    }
  }

  /** Sends and returns the whole body as bytes. */
  byte[] bytes(HttpRequest request) throws IOException {
    try (InputStream in = send(request).body()) {
      return in.readAllBytes();
    }
  }

  /** Sends and returns the streamed answer; the caller closes its body. */
  HttpResponse<InputStream> send(HttpRequest request) throws IOException {
    HttpResponse<InputStream> r;
    try {
      r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while talking to " + base, e);
    } catch (java.net.ConnectException e) {
      throw new IOException("cannot connect to " + base + ": is the server running?", e);
    } catch (java.net.http.HttpConnectTimeoutException | javax.net.ssl.SSLException e) {
      throw e; // their own words say what failed
    } catch (java.net.http.HttpTimeoutException e) {
      throw new IOException(
          "the server at " + base + " did not answer within " + TIMEOUT.toMinutes() + " minutes",
          e);
    } catch (IOException e) {
      // The JDK's words for a connection that ended early ("header parser received no bytes",
      // "connection reset") do not say what happened to the user's request.
      throw new IOException(
          "lost the connection to "
              + base
              + " before it answered (did the server stop or restart?); the request may not have"
              + " been carried out: run the command again ("
              + e.getMessage()
              + ")",
          e);
    }
    if (r.statusCode() / 100 != 2) {
      try (InputStream in = r.body()) {
        throw problem(r.statusCode(), in.readNBytes(MAX_ERROR_BODY));
      }
    }
    return r;
  }

  static ApiProblem problem(int status, byte[] body) {
    try {
      JsonNode p = JSON.readTree(body);
      if (p != null && p.hasNonNull("code")) {
        String detail =
            p.hasNonNull("detail") ? p.get("detail").asText() : p.path("title").asText();
        return new ApiProblem(status, p.get("code").asText(), detail);
      }
    } catch (IOException e) {
      // not a problem document: described below
    }
    return new ApiProblem(status, "http_" + status, "the server answered HTTP " + status);
  }

  static HttpRequest.BodyPublisher jsonBody(JsonNode n) throws IOException {
    return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(n));
  }
}
