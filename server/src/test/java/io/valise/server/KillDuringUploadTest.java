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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    Process serve = startServe();
    // A raw connection, so that the test decides exactly what was sent when the process dies: the
    // headers announce the whole file and only its first part follows. (The JDK's client, stalled
    // in a body publisher, sometimes never noticed the dead peer under CPU load.)
    try (Socket upload = new Socket(InetAddress.getLoopbackAddress(), port(serve))) {
      String base = "http://127.0.0.1:" + upload.getPort();
      String head =
          "POST /api/envelopes?to=bob HTTP/1.1\r\n"
              + "Host: 127.0.0.1:"
              + upload.getPort()
              + "\r\nAuthorization: Bearer "
              + session(base)
              + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
              + file.length
              + "\r\n\r\n";
      OutputStream out = upload.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(file, 0, SENT_BEFORE_STALL);
      out.flush();
      Path staged = awaitStagedFile();

      serve.destroyForcibly(); // SIGKILL: no shutdown hook, no abort of the staged blob
      assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "the server process did not die");
      assertTrue(Files.exists(staged), "the kill left the staged file, as a crash would");
      // The dead process's connection ends without an answer: end of stream, or a reset.
      upload.setSoTimeout(30_000);
      int first;
      try {
        first = upload.getInputStream().read();
      } catch (SocketException reset) {
        first = -1;
      }
      assertEquals(-1, first, "the upload got an answer from a killed server");
    } finally {
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
