package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.age.Age;
import io.valise.age.x25519.X25519Identity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The curl commands of docs/api.md, run as written (with the test's port and password), so the
 * documentation cannot drift from the API: an administrator's group, login, directory, upload with
 * --data-binary, download with -o, and a share link fetched with its password.
 */
class CurlTest extends ServerTest {
  @Test
  void theDocumentedCurlCommandsSendAndFetchAFile() throws Exception {
    requireCurl();
    addAdmin("root");
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

    String a = token(dir, base, "root");
    curl(
        dir,
        "-s",
        "-X",
        "POST",
        "-H",
        "Authorization: Bearer " + a,
        "-d",
        "{\"name\":\"cpam-75\"}",
        base + "/api/groups");
    curl(
        dir,
        "-s",
        "-X",
        "PUT",
        "-H",
        "Authorization: Bearer " + a,
        base + "/api/groups/cpam-75/members/bob");

    String t = token(dir, base, "alice");
    JsonNode entry =
        json(curl(dir, "-s", "-H", "Authorization: Bearer " + t, base + "/api/directory/cpam-75"));
    assertEquals("bob", entry.get("members").get(0).get("account").asText());
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
                base + "/api/envelopes?to=cpam-75&maxDownloads=3&expires=3d"))
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

    // What valise share does on bob's side: a link identity, the file key wrapped to it alone.
    X25519Identity linkKey = X25519Identity.generate(random);
    byte[] header = Ages.header(Files.readAllBytes(sent)).encode();
    String linkHeader =
        Base64.getEncoder().encodeToString(Ages.linkHeader(random, header, bobKey, linkKey));
    HttpResponse<String> made =
        callJson(
            "POST",
            "/api/envelopes/" + id + "/links",
            b,
            JSON.createObjectNode()
                .put("header", linkHeader)
                .put("expires", "1d")
                .put("password", "mot de passe")
                .toString());
    assertEquals(201, made.statusCode(), made.body());
    String link = json(made.body()).get("id").asText();

    String pw = "Valise-Link-Password: mot de passe";
    JsonNode meta = json(curl(dir, "-s", "-H", pw, base + "/api/links/" + link));
    assertEquals(link, meta.get("id").asText());
    curl(received, "-s", "-H", pw, "-o", "shared.csv.age", base + "/api/links/" + link + "/file");
    try (InputStream in =
        Age.decryptingStream(
            Files.newInputStream(received.resolve("shared.csv.age")), List.of(linkKey))) {
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
