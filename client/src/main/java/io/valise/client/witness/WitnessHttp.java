package io.valise.client.witness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.valise.tlog.merkle.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The witness's HTTP calls to the log, over {@code java.net.http}: three public routes, no
 * authentication (cosignatures authenticate themselves). Kept to this one class so that it can
 * later go through the client's audit API. Every failure is a {@link LogUnavailableException} that
 * names the route and, for a refusal, the server's problem code.
 */
public final class WitnessHttp implements LogEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A checkpoint with a hundred cosignatures is about 10 KiB; anything near this is not one. */
  private static final int MAX_BODY = 1 << 20;

  private final HttpClient client;
  private final String base;

  private WitnessHttp(HttpClient client, String base) {
    this.client = client;
    this.base = base;
  }

  /**
   * The log at {@code url} (its base: {@code https://valise.example.org}), with a client that
   * follows no redirect.
   *
   * @throws IllegalArgumentException if {@code url} is not an http or https URL
   */
  public static WitnessHttp of(String url) {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    URI uri;
    try {
      uri = URI.create(base);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL: " + url, e);
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("the log URL must be http(s)://HOST[:PORT], not " + url);
    }
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new WitnessHttp(client, base);
  }

  @Override
  public String describe() {
    return base;
  }

  @Override
  public byte[] checkpoint() throws IOException {
    return send(get("/api/audit/checkpoint"), "GET /api/audit/checkpoint");
  }

  @Override
  public List<Hash> consistencyProof(long from, long to) throws IOException {
    String route = "/api/audit/proof/consistency?from=" + from + "&to=" + to;
    byte[] body = send(get(route), "GET " + route);
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      throw new LogUnavailableException(base + route + ": the answer is not JSON", e);
    }
    if (n == null
        || n.path("from").asLong(-1) != from
        || n.path("to").asLong(-1) != to
        || !n.path("proof").isArray()) {
      throw new LogUnavailableException(
          base
              + route
              + ": the answer is not {\"from\":"
              + from
              + ",\"to\":"
              + to
              + ",\"proof\":[...]}");
    }
    List<Hash> proof = new ArrayList<>();
    for (JsonNode h : n.get("proof")) {
      byte[] bytes;
      try {
        bytes = h.isTextual() ? Base64.getDecoder().decode(h.asText()) : new byte[0];
      } catch (IllegalArgumentException e) {
        bytes = new byte[0];
      }
      if (bytes.length != Hash.SIZE) {
        throw new LogUnavailableException(
            base + route + ": proof hash " + proof.size() + " is not 32 bytes in base64");
      }
      proof.add(Hash.of(bytes));
    }
    return proof;
  }

  @Override
  public void submitCosignature(String note) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/audit/cosignatures"))
            .timeout(TIMEOUT)
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(note, StandardCharsets.UTF_8))
            .build();
    send(request, "POST /api/audit/cosignatures");
  }

  private HttpRequest get(String route) {
    return HttpRequest.newBuilder(URI.create(base + route)).timeout(TIMEOUT).GET().build();
  }

  private byte[] send(HttpRequest request, String what) throws IOException {
    HttpResponse<InputStream> r;
    try {
      r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LogUnavailableException(what + " to " + base + ": interrupted", e);
    } catch (ConnectException e) {
      throw new LogUnavailableException(
          "cannot connect to " + base + " (" + what + "): is the log running?", e);
    } catch (HttpTimeoutException e) {
      throw new LogUnavailableException(what + " to " + base + ": timed out", e);
    } catch (IOException e) {
      throw new LogUnavailableException(what + " to " + base + ": " + e.getMessage(), e);
    }
    byte[] body;
    try (InputStream in = r.body()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (r.statusCode() / 100 != 2) {
      throw new LogUnavailableException(
          what + " to " + base + ": HTTP " + r.statusCode() + problem(body));
    }
    if (body.length > MAX_BODY) {
      throw new LogUnavailableException(what + " to " + base + ": the answer is over 1 MiB");
    }
    return body;
  }

  /** The problem document's code and detail, if the body is one (RFC 9457). */
  private static String problem(byte[] body) {
    try {
      JsonNode p = JSON.readTree(body);
      if (p != null && p.hasNonNull("code")) {
        String code = oneLine(p.get("code").asText());
        String detail = p.hasNonNull("detail") ? oneLine(p.get("detail").asText()) : "";
        return " [" + code + "]" + (detail.isEmpty() ? "" : ": " + detail);
      }
    } catch (IOException e) {
      // not a problem document
    }
    return "";
  }

  private static String oneLine(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(300).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return b.toString();
  }
}
