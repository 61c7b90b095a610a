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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
  private final Duration stall;

  Http(HttpClient client, String base, @Nullable BearerToken token) {
    this(client, base, token, TIMEOUT);
  }

  /** With {@code stall}: how long an upload may go without progress (tests shorten it). */
  Http(HttpClient client, String base, @Nullable BearerToken token, Duration stall) {
    this.client = client;
    this.base = base;
    this.token = token;
    this.stall = stall;
  }

  String base() {
    return base;
  }

  HttpRequest.Builder request(String path, Map<String, String> headers) {
    return untimed(path, headers).timeout(TIMEOUT);
  }

  /** A request with the token and {@code headers}, without the time-out of {@link #request}. */
  private HttpRequest.Builder untimed(String path, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token.reveal());
    }
    headers.forEach(b::header);
    return b;
  }

  /** Sends and returns the JSON answer (an empty object for 204). */
  JsonNode json(HttpRequest request) throws IOException {
    return json(send(request));
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
    } catch (IOException e) {
      throw explained(e);
    }
    return checked(r);
  }

  /**
   * Sends the file {@code body} to {@code path} as an upload and returns the JSON answer. No limit
   * on the whole exchange (the JDK's request time-out counts the time the body takes to go out, so
   * a large file on a slow link would fail), but one on progress: the upload is given up when no
   * byte has gone out and no answer has come for {@code stall}. The server is asked to confirm
   * before the body is sent ({@code Expect: 100-continue}), so a refusal comes first.
   */
  JsonNode upload(String path, Map<String, String> headers, HttpRequest.BodyPublisher body)
      throws IOException {
    SendCount count = new SendCount(body);
    HttpRequest request = untimed(path, headers).expectContinue(true).POST(count).build();
    CompletableFuture<HttpResponse<InputStream>> answer =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    long seen = count.sent();
    long quietSince = System.nanoTime();
    while (true) {
      try {
        return json(checked(answer.get(1, TimeUnit.SECONDS)));
      } catch (TimeoutException notYet) {
        long now = count.sent();
        if (now != seen) {
          seen = now;
          quietSince = System.nanoTime();
        } else if (System.nanoTime() - quietSince > stall.toNanos()) {
          answer.cancel(true);
          throw new IOException(
              "the upload to %s made no progress for %d seconds after %d bytes: lost the connection? Run the command again"
                  .formatted(base, stall.toSeconds(), now));
        }
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io
            ? explained(io)
            : new IOException("the upload to " + base + " failed: " + e.getCause(), e);
      } catch (InterruptedException e) {
        answer.cancel(true);
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while uploading to " + base, e);
      }
    }
  }

  /** The answer's JSON (an empty object for an empty body, as 204 has). */
  private static JsonNode json(HttpResponse<InputStream> r) throws IOException {
    try (InputStream in = r.body()) {
      byte[] body = in.readAllBytes();
      return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    }
  }

  /** An answer outside 2xx as its problem; the rest as it is. */
  private static HttpResponse<InputStream> checked(HttpResponse<InputStream> r) throws IOException {
    if (r.statusCode() / 100 != 2) {
      try (InputStream in = r.body()) {
        throw problem(r.statusCode(), in.readNBytes(MAX_ERROR_BODY));
      }
    }
    return r;
  }

  /** A failure to talk to the server, in words that say what happened to the request. */
  private IOException explained(IOException e) {
    return switch (e) {
      case java.net.ConnectException c ->
          new IOException("cannot connect to " + base + ": is the server running?", c);
      // Their own words say what failed.
      case java.net.http.HttpConnectTimeoutException t -> t;
      case javax.net.ssl.SSLException t -> t;
      case java.net.http.HttpTimeoutException t ->
          new IOException(
              "the server at "
                  + base
                  + " did not answer within "
                  + TIMEOUT.toMinutes()
                  + " minutes",
              t);
      // The JDK's words for a connection that ended early ("header parser received no bytes",
      // "connection reset") do not say what happened to the user's request.
      default ->
          new IOException(
              "lost the connection to "
                  + base
                  + " before it answered (did the server stop or restart?); the request may not"
                  + " have been carried out: run the command again ("
                  + e.getMessage()
                  + ")",
              e);
    };
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
