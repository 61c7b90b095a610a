package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.valise.age.secret.Passphrase;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.LocalAdmin;
import io.valise.server.wiring.ValiseServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Starts the real server on 127.0.0.1:0, on SQLite and on PostgreSQL, with a clock the test moves,
 * and speaks HTTP to it with the JDK client.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
abstract class ServerTest {
  static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
  static final String PASSWORD = "correct horse battery staple";
  static final ObjectMapper JSON = new ObjectMapper();

  @Parameter @Nullable TestDatabase database;

  final SecureRandom random = new SecureRandom();
  final TestClock clock = new TestClock(START);
  final HttpClient http = HttpClient.newHttpClient();
  @Nullable Path data;
  @Nullable String url;
  @Nullable ServerConfig config;
  @Nullable ValiseServer server;

  @BeforeEach
  void startServer() throws Exception {
    TestDatabase db = database;
    if (db == null) {
      throw new IllegalStateException("no database parameter");
    }
    Path dir = Files.createTempDirectory("valise-server");
    data = dir;
    url = db.create(dir);
    ServerConfig c = configure(ServerConfig.defaults(dir).withListen("127.0.0.1:0"));
    String u = url;
    if (u != null) {
      c = c.withDatabase(u, null, null);
    }
    config = c;
    server = ValiseServer.start(c, clock, random, System.err);
  }

  /** A test class's changes to the configuration the server starts with. */
  ServerConfig configure(ServerConfig c) {
    return c;
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
    if (database != null) {
      database.drop(url);
    }
    if (data != null) {
      try (var paths = Files.walk(data)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  ValiseServer server() {
    ValiseServer s = server;
    if (s == null) {
      throw new IllegalStateException("not started");
    }
    return s;
  }

  Path data() {
    Path d = data;
    if (d == null) {
      throw new IllegalStateException("not started");
    }
    return d;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server().port() + path);
  }

  void addUser(String name) throws IOException {
    addUser(name, false);
  }

  void addAdmin(String name) throws IOException {
    addUser(name, true);
  }

  private void addUser(String name, boolean admin) throws IOException {
    ServerConfig c = config;
    if (c == null) {
      throw new IllegalStateException("not started");
    }
    try (Passphrase p = Passphrase.of(PASSWORD.toCharArray())) {
      LocalAdmin.addUser(c, name, admin, p, clock, random);
    }
  }

  /**
   * Any request: {@code body} (may be null) as is, {@code headers} as name, value pairs; the token,
   * if not null, as a bearer token.
   */
  HttpResponse<String> call(
      String method, String path, @Nullable String token, byte @Nullable [] body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A JSON request. */
  HttpResponse<String> callJson(String method, String path, @Nullable String token, String json)
      throws Exception {
    return call(
        method,
        path,
        token,
        json.getBytes(StandardCharsets.UTF_8),
        "Content-Type",
        "application/json");
  }

  /** The payload blobs on disk. */
  java.util.List<Path> blobs() throws IOException {
    try (var s = Files.list(data().resolve("blobs"))) {
      return s.toList();
    }
  }

  HttpResponse<String> login(String name, String password) throws Exception {
    String body = JSON.createObjectNode().put("name", name).put("password", password).toString();
    return http.send(
        HttpRequest.newBuilder(uri("/api/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A session token for {@code name}, logging in with the test password. */
  String session(String name) throws Exception {
    HttpResponse<String> r = login(name, PASSWORD);
    assertEquals(200, r.statusCode(), r.body());
    return json(r.body()).get("token").asText();
  }

  HttpResponse<String> get(String path, @Nullable String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> getBytes(String path, String token, @Nullable String range)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path)).GET().header("Authorization", "Bearer " + token);
    if (range != null) {
      b.header("Range", range);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> upload(String token, String query, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/api/envelopes?" + query))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String body) throws IOException {
    return JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
  }

  /** Asserts a problem-details response with this status and code. */
  static void assertProblem(HttpResponse<String> r, int status, String code) throws IOException {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(
        "application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.body());
    JsonNode p = json(r.body());
    assertEquals(code, p.get("code").asText(), r.body());
    assertEquals(status, p.get("status").asInt());
    assertEquals("urn:valise:problem:" + code, p.get("type").asText());
  }
}
