package io.valise.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * {@code valise verify-web} against the real server: what it serves verifies; a proxy that changes
 * one file is refused naming it; one that also rewrites the page and the release list to match is
 * refused by the audit log, which never published that bundle.
 */
class VerifyWebE2ETest extends E2eServer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private Person visitor() {
    return new Person("visitor", dir().resolve("home-visitor").resolve("valise"));
  }

  private byte[] fetch(String path) throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create(serverUrl() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), path);
    return r.body();
  }

  private JsonNode release() throws Exception {
    return JSON.readTree(fetch("/api/web/release"));
  }

  /** The path of the page's script, from the release list. */
  private String script(JsonNode release) {
    for (JsonNode f : release.get("files")) {
      String p = f.get("path").asText();
      if (p.startsWith("/assets/") && p.endsWith(".js")) {
        return p;
      }
    }
    throw new AssertionError("no script in " + release);
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static String sri(byte[] b) throws Exception {
    return "sha384-"
        + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(b));
  }

  @Test
  void theServedAppVerifies() throws Exception {
    String bundle = release().get("bundle").asText();
    Person v = visitor();
    Run r = v.ok("verify-web", serverUrl() + "/");
    assertTrue(r.out().contains("is the published release"), r.toString());
    assertTrue(r.out().contains("bundle  " + bundle), r.out());
    assertTrue(r.out().contains("web.release entry at index "), r.out());
    assertTrue(Files.readString(v.home.resolve("logkeys.json")).contains(serverUrl()));
    assertTrue(Files.readString(v.home.resolve("checkpoints.json")).contains(serverUrl()));

    // Any page of the app, even a share link, whose key is neither sent nor printed.
    Run link = v.ok("verify-web", serverUrl() + "/s/abcdef#AGE-SECRET-KEY-1QQQQQQQQQQ");
    assertFalse((link.out() + link.err()).contains("QQQQ"), link.toString());
    v.ok("verify-web", serverUrl() + "/", "--bundle", bundle);
    Run other = v.run("verify-web", serverUrl() + "/", "--bundle", "0".repeat(64));
    assertEquals(3, other.code(), other.toString());
    assertTrue(other.err().contains("bundle: "), other.err());
  }

  @Test
  void aChangedAssetIsRefusedNamingTheFile() throws Exception {
    JsonNode release = release();
    String js = script(release);
    String listed = "";
    for (JsonNode f : release.get("files")) {
      if (f.get("path").asText().equals(js)) {
        listed = f.get("sha256").asText();
      }
    }
    byte[] evil =
        (new String(fetch(js), StandardCharsets.UTF_8) + "\n;steal()")
            .getBytes(StandardCharsets.UTF_8);
    try (WebProxy proxy =
        new WebProxy(serverUrl(), (path, body) -> path.equals(js) ? evil : body)) {
      Run r = visitor().run("verify-web", proxy.url() + "/");
      assertEquals(3, r.code(), r.toString());
      assertTrue(
          r.err().contains(js + ": SHA-256 expected " + listed + ", got " + sha256(evil)), r.err());
      assertEquals("", r.out());
    }
    // The worker alone changed.
    try (WebProxy proxy =
        new WebProxy(
            serverUrl(),
            (path, body) ->
                path.equals("/sw.js")
                    ? "self.onfetch=null".getBytes(StandardCharsets.UTF_8)
                    : body)) {
      Run r = visitor().run("verify-web", proxy.url() + "/app/inbox");
      assertEquals(3, r.code(), r.toString());
      assertTrue(r.err().contains("/sw.js: SHA-256 expected "), r.err());
    }
  }

  @Test
  void aReleaseRewrittenToMatchIsRefusedByTheLog() throws Exception {
    JsonNode release = release();
    String js = script(release);
    byte[] real = fetch(js);
    byte[] evil =
        (new String(real, StandardCharsets.UTF_8) + "\n;steal()").getBytes(StandardCharsets.UTF_8);
    byte[] page =
        new String(fetch("/"), StandardCharsets.UTF_8)
            .replace(sri(real), sri(evil))
            .getBytes(StandardCharsets.UTF_8);
    ObjectNode lie = (ObjectNode) release.deepCopy();
    StringBuilder manifest = new StringBuilder();
    for (JsonNode f : lie.get("files")) {
      ObjectNode o = (ObjectNode) f;
      String p = o.get("path").asText();
      if (p.equals(js)) {
        o.put("sha256", sha256(evil));
      } else if (p.equals("/index.html")) {
        o.put("sha256", sha256(page));
      }
      manifest.append(p).append('\t').append(o.get("type").asText()).append('\t');
      manifest.append(o.get("sha256").asText()).append('\n');
    }
    String forged = sha256(manifest.toString().getBytes(StandardCharsets.UTF_8));
    lie.put("bundle", forged);
    byte[] lieBytes = JSON.writeValueAsBytes(lie);
    try (WebProxy proxy =
        new WebProxy(
            serverUrl(),
            (path, body) ->
                switch (path) {
                  case "/" -> page;
                  case "/api/web/release" -> lieBytes;
                  default -> path.equals(js) ? evil : body;
                })) {
      Run r = visitor().run("verify-web", proxy.url() + "/");
      assertEquals(3, r.code(), r.toString());
      assertTrue(r.err().contains("the web release " + forged), r.err());
      assertTrue(
          r.err().contains("\"web\" is \"" + release.get("bundle").asText() + "\""), r.err());
    }
  }
}
