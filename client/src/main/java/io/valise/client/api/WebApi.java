package io.valise.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The public routes about a server's web app, and its files as a browser gets them. Only the form
 * of answers is checked here (a malformed field is an {@link IOException} naming it); {@code
 * io.valise.client.web} checks what they say.
 */
public final class WebApi {
  /** The largest file of the web app this client reads. */
  public static final int MAX_FILE = 32 << 20;

  private final Http http;

  private WebApi(Http http) {
    this.http = http;
  }

  /** The web app of the server at {@code origin} ({@code https://host[:port]}), anonymously. */
  public static WebApi of(HttpClient client, String origin) {
    return new WebApi(new Http(client, origin, null));
  }

  /** A served file: its media type (the {@code Content-Type} header) and its bytes. */
  public static final class Served {
    private final String type;
    private final byte[] body;

    public Served(String type, byte[] body) {
      this.type = type;
      this.body = body.clone();
    }

    public String type() {
      return type;
    }

    /** A copy of the bytes. */
    public byte[] body() {
      return body.clone();
    }
  }

  /**
   * {@code GET path} as a browser would (no credentials); a status outside 2xx is an {@link
   * ApiProblem}.
   *
   * @throws IOException also when the body is larger than {@value #MAX_FILE} bytes
   */
  public Served get(String path) throws IOException {
    HttpRequest r = http.request(path, Map.of()).GET().build();
    HttpResponse<InputStream> answer = http.send(r);
    try (InputStream in = answer.body()) {
      byte[] body = in.readNBytes(MAX_FILE + 1);
      if (body.length > MAX_FILE) {
        throw new IOException(path + ": larger than " + MAX_FILE + " bytes");
      }
      return new Served(answer.headers().firstValue("Content-Type").orElse(""), body);
    }
  }

  /** {@code GET /api/web/release}. */
  public WebRelease release() throws IOException {
    JsonNode r = http.json(http.request("/api/web/release", Map.of()).GET().build());
    JsonNode array = r.get("files");
    if (array == null || !array.isArray()) {
      throw new IOException(
          "unexpected answer from the server: \"files\" is missing or not an array");
    }
    List<WebRelease.File> files = new ArrayList<>();
    for (JsonNode f : array) {
      if (!f.isObject()) {
        throw new IOException("unexpected answer from the server: \"files\" holds a non-object");
      }
      files.add(
          new WebRelease.File(
              Parse.string(f, "path"), Parse.string(f, "type"), Parse.string(f, "sha256")));
    }
    JsonNode entry = r.get("entry");
    Long index = entry == null || entry.isNull() ? null : Parse.count(entry, "index");
    return new WebRelease(Parse.string(r, "bundle"), files, index);
  }

  /**
   * {@code GET /api/audit/web-releases/{index}}: the {@code web.release} entry with its inclusion
   * proof and checkpoint.
   */
  public Receipt releaseEntry(long index) throws IOException {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    JsonNode r =
        http.json(http.request("/api/audit/web-releases/" + index, Map.of()).GET().build());
    Receipt receipt = Parse.receipt(r);
    if (receipt == null) {
      throw new IOException("unexpected answer from the server: no receipt");
    }
    return receipt;
  }
}
