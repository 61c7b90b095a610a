package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.valise.age.Age;
import io.valise.age.secret.Passphrase;
import io.valise.age.x25519.X25519Identity;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.LocalAdmin;
import io.valise.server.wiring.ValiseServer;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kill -9 during an upload, then restart on the same data directory: no envelope, no committed
 * blob, and the staged temporary file is gone (the start sweeps orphans before it accepts uploads).
 * On SQLite and on PostgreSQL (the killed process is configured with the test schema's URL).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class KillDuringUploadTest {
  static final String PASSWORD = "correct horse battery staple";
  // More than the server's buffers (about 3 x 64 KiB between socket and file), so that partial
  // ciphertext is on disk when the process dies, not just an empty staged file.
  static final int SENT_BEFORE_STALL = 512 * 1024;

  final SecureRandom random = new SecureRandom();
  final HttpClient http = HttpClient.newHttpClient();

  @Parameter @Nullable TestDatabase database;
  @Nullable String url;
  @TempDir Path data;
  @TempDir Path logs;

  @BeforeEach
  void createDatabase() throws Exception {
    url = Objects.requireNonNull(database).create(data);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    Objects.requireNonNull(database).drop(url);
  }

  @Test
  void aKilledUploadLeavesNothingAfterRestart() throws Exception {
    ServerConfig config = ServerConfig.defaults(data).withListen("127.0.0.1:0");
    String u = url;
    if (u != null) {
      config = config.withDatabase(u, null, null);
    }
    for (String name : List.of("alice", "bob")) {
      try (Passphrase p = Passphrase.of(PASSWORD.toCharArray())) {
        LocalAdmin.addUser(config, name, false, p, Clock.systemUTC(), random);
      }
    }
    byte[] file = encrypt(new byte[4 << 20]);
    CountDownLatch never = new CountDownLatch(1);
    Process serve = startServe();
    try {
      int port = port(serve);
      String base = "http://127.0.0.1:" + port;
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/api/envelopes?to=bob"))
              .header("Authorization", "Bearer " + session(base))
              // The JDK's client does not always notice a peer killed while it sends a body (a
              // clean-clone CI run under CPU load waited past 30 s on both databases): a request
              // time-out ends it either way, and it still must not have succeeded.
              .timeout(Duration.ofSeconds(45))
              .POST(HttpRequest.BodyPublishers.ofInputStream(() -> stalling(file, never)))
              .build();
      CompletableFuture<HttpResponse<String>> upload =
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
      Path staged = awaitStagedFile();

      serve.destroyForcibly(); // SIGKILL: no shutdown hook, no abort of the staged blob
      assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "the server process did not die");
      assertTrue(Files.exists(staged), "the kill left the staged file, as a crash would");
      // Let the client's body go on: a publisher blocked in the stalled read would otherwise keep
      // the request from noticing the dead connection.
      never.countDown();
      assertTrue(
          upload.handle((r, e) -> r == null || r.statusCode() != 201).get(90, TimeUnit.SECONDS),
          "the upload cannot have succeeded");
    } finally {
      never.countDown();
      serve.destroyForcibly();
    }

    ValiseServer restarted = ValiseServer.start(config, Clock.systemUTC(), random, System.err);
    try {
      assertEquals(List.of(), blobFiles(), "no staged file and no committed blob");
      assertEquals(0, envelopeRows());
    } finally {
      restarted.close();
    }
  }

  private Process startServe() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classpath,
                ServeMain.class.getName(),
                data.toString()));
    if (url != null) {
      command.add(url);
    }
    return new ProcessBuilder(command).redirectError(logs.resolve("serve.log").toFile()).start();
  }

  /** Reads the child's {@code port N} line. */
  private static int port(Process serve) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("port ")) {
      fail("the server process did not start: " + line);
    }
    return Integer.parseInt(line.substring("port ".length()));
  }

  /** The first 512 KiB of the age file, then a read that blocks until the test ends. */
  private static InputStream stalling(byte[] file, CountDownLatch never) {
    InputStream stall =
        new InputStream() {
          @Override
          public int read() throws IOException {
            return read(new byte[1], 0, 1);
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new IOException("the test is over");
          }
        };
    return new SequenceInputStream(
        new ByteArrayInputStream(Arrays.copyOf(file, SENT_BEFORE_STALL)), stall);
  }

  private Path awaitStagedFile() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (Path p : blobFiles()) {
        if (p.getFileName().toString().startsWith(".staging-") && Files.size(p) > 0) {
          return p;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no staged file appeared: " + blobFiles());
  }

  private List<Path> blobFiles() throws IOException {
    Path blobs = data.resolve("blobs");
    if (!Files.isDirectory(blobs)) {
      return List.of();
    }
    try (var s = Files.list(blobs)) {
      return s.toList();
    }
  }

  private int envelopeRows() throws Exception {
    String u = url;
    try (Connection c =
            DriverManager.getConnection(
                u == null ? "jdbc:sqlite:" + data.resolve("valise.db") : u);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM envelope")) {
      r.next();
      return r.getInt(1);
    }
  }

  private String session(String base) throws Exception {
    String body =
        ServerTest.JSON
            .createObjectNode()
            .put("name", "alice")
            .put("password", PASSWORD)
            .toString();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return ServerTest.json(r.body()).get("token").asText();
  }

  private byte[] encrypt(byte[] plaintext) throws IOException {
    X25519Identity bob = X25519Identity.generate(random);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream enc = Age.encryptingStream(out, List.of(bob.recipient()), random)) {
      enc.write(plaintext);
    }
    return out.toByteArray();
  }
}
