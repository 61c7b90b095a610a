package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.valise.age.Age;
import io.valise.age.x25519.X25519Identity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The curl commands of docs/server.md, run as written (with the test's port and password), so the
 * documentation cannot drift from the API: login, upload with --data-binary, download with -o.
 */
class CurlTest extends ServerTest {
  @Test
  void theDocumentedCurlCommandsSendAndFetchAFile() throws Exception {
    requireCurl();
    addUser("alice");
    addUser("bob");
    X25519Identity bobKey = X25519Identity.generate(random);
    Path dir = Files.createTempDirectory(data(), "curl");
    byte[] plaintext =
        "nom;nir\nDurand;185077512345678\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
    Path sent = dir.resolve("report.csv.age");
    try (OutputStream enc =
        Age.encryptingStream(Files.newOutputStream(sent), List.of(bobKey.recipient()), random)) {
      enc.write(plaintext);
    }
    String base = "http://127.0.0.1:" + server().port();

    String t = token(dir, base, "alice");
    String id =
        json(curl(
                dir,
                "-s",
                "-X",
                "POST",
                "-H",
                "Authorization: Bearer " + t,
                "--data-binary",
                "@report.csv.age",
                base + "/api/envelopes?to=bob&maxDownloads=2&expires=3d"))
            .get("id")
            .asText();

    String b = token(dir, base, "bob");
    Path received = dir.resolve("received");
    Files.createDirectory(received);
    curl(
        received,
        "-s",
        "-H",
        "Authorization: Bearer " + b,
        "-o",
        "report.csv.age",
        base + "/api/envelopes/" + id + "/file");
    try (InputStream in =
        Age.decryptingStream(
            Files.newInputStream(received.resolve("report.csv.age")), List.of(bobKey))) {
      assertArrayEquals(plaintext, in.readAllBytes());
    }
  }

  private String token(Path dir, String base, String name) throws Exception {
    String login = "{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}";
    return json(curl(dir, "-s", "-X", "POST", "-d", login, base + "/api/login"))
        .get("token")
        .asText();
  }

  /** Runs curl in {@code dir} (so {@code @file} and {@code -o} resolve there); its stdout. */
  private static String curl(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("curl");
    // Fail on HTTP errors too, so a refused request is a failed test and not an odd body.
    command.add("--fail-with-body");
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("curl did not finish: " + command);
    }
    assertEquals(0, p.exitValue(), "curl " + command + " printed " + out);
    return out;
  }

  private static void requireCurl() throws InterruptedException {
    String why;
    try {
      Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      why = p.waitFor() == 0 ? null : "curl --version failed";
    } catch (IOException e) {
      why = "curl is not installed: " + e.getMessage();
    }
    if (why != null) {
      if (Boolean.getBoolean("valise.requireInterop")) {
        fail(why);
      }
      Assumptions.abort(why);
    }
  }
}
