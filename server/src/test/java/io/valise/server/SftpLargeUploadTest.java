package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.valise.age.secret.Passphrase;
import io.valise.age.x25519.X25519Identity;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.LocalAdmin;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 GiB clear upload through the SFTP gateway, encrypted on arrival, to a server process whose
 * heap is capped at 64 MiB: it completes, the envelope has the whole file, and the process's peak
 * resident memory stays far below the file's size. A gateway that held the upload in memory would
 * fail with an OutOfMemoryError.
 */
class SftpLargeUploadTest {
  private static final long SIZE = 2L << 30;
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path dir;

  @Test
  void aTwoGibUploadKeepsTheServersMemoryBounded() throws Exception {
    SshClients.require("sftp");
    SecureRandom random = new SecureRandom();
    Path data = Files.createDirectory(dir.resolve("data"));
    ServerConfig config = ServerConfig.defaults(data);
    try (Passphrase p = Passphrase.of(PASSWORD.toCharArray())) {
      LocalAdmin.addUser(config, "lab", false, p, Clock.systemUTC(), random);
    }
    try (Passphrase p = Passphrase.of(PASSWORD.toCharArray())) {
      LocalAdmin.addUser(config, "ars", false, p, Clock.systemUTC(), random);
    }
    Path key = SshClients.keygen(dir, "lab_ed25519");
    var unused =
        LocalAdmin.addSshKey(
            config,
            "lab",
            Files.readString(dir.resolve("lab_ed25519.pub")),
            null,
            Clock.systemUTC(),
            random);
    Path big = dir.resolve("big.bin");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(SIZE); // sparse: zeros that take no disk
    }

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process serve =
        new ProcessBuilder(
                java,
                "-Xmx64m",
                "--enable-native-access=ALL-UNNAMED",
                "-Dvalise.test.sftpClearIngress=lab",
                "-cp",
                System.getProperty("java.class.path"),
                ServeMain.class.getName(),
                data.toString())
            .redirectError(dir.resolve("serve.log").toFile())
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      int http = Integer.parseInt(line(out, "port "));
      int sftp = Integer.parseInt(line(out, "sftp "));
      X25519Identity arsKey = X25519Identity.generate(random);
      String ars = login(http, "ars");
      HttpResponse<String> published =
          send(http, "POST", "/api/keys", ars, "{\"recipient\":\"" + arsKey.recipient() + "\"}");
      assertEquals(201, published.statusCode(), published.body());

      SshClients.Run put = SshClients.sftp(dir, key, "lab", sftp, "put big.bin /outbox/ars/");
      assertEquals(0, put.exit(), put.output() + Files.readString(dir.resolve("serve.log")));

      JsonNode inbox = json(send(http, "GET", "/api/inbox", ars, null).body());
      assertEquals(1, inbox.get("envelopes").size(), inbox.toString());
      long payload = inbox.get("envelopes").get(0).get("size").asLong();
      assertTrue(payload > SIZE, "the payload holds the whole file: " + payload);

      long peak = peakResidentKib(serve.pid());
      System.out.printf(
          "SFTP 2 GiB clear upload: server peak resident memory %d MiB%n", peak / 1024);
      assertTrue(
          peak < 512 * 1024, "peak resident memory " + peak / 1024 + " MiB for a 2048 MiB upload");
    } finally {
      serve.destroy();
      serve.waitFor();
    }
  }

  private static String line(BufferedReader out, String prefix) throws Exception {
    String line = out.readLine();
    if (line == null || !line.startsWith(prefix)) {
      fail("the server process did not print [" + prefix + "N]: " + line);
    }
    return line.substring(prefix.length()).strip();
  }

  /** VmHWM of a process, in KiB. */
  private static long peakResidentKib(long pid) throws Exception {
    for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (l.startsWith("VmHWM:")) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    throw new AssertionError("no VmHWM for process " + pid);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  private static String login(int port, String name) throws Exception {
    HttpResponse<String> r =
        send(
            port,
            "POST",
            "/api/login",
            null,
            JSON.createObjectNode().put("name", name).put("password", PASSWORD).toString());
    assertEquals(200, r.statusCode(), r.body());
    return json(r.body()).get("token").asText();
  }

  private static HttpResponse<String> send(
      int port,
      String method,
      String path,
      @org.jspecify.annotations.Nullable String token,
      @org.jspecify.annotations.Nullable String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
