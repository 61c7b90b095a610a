package io.valise.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WebBundleTest {
  private final WebBundle bundle = WebBundle.load();

  @Test
  void indexLoadsTheScriptAndStyleWithTheirIntegrityHashes() throws Exception {
    String html = new String(bundle.index().bytes(), StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile(
                "(?:src|href)=\"(/assets/app-[0-9a-f]+\\.(?:js|css))\" integrity=\"sha384-([^\"]+)\"")
            .matcher(html);
    int found = 0;
    while (m.find()) {
      found++;
      WebBundle.Asset a = bundle.asset(m.group(1)).orElseThrow();
      byte[] digest = java.security.MessageDigest.getInstance("SHA-384").digest(a.bytes());
      assertEquals(Base64.getEncoder().encodeToString(digest), m.group(2), a.path());
    }
    assertEquals(2, found, html);
    assertFalse(html.contains("<script>"), "no inline script");
    assertFalse(html.contains("style="), "no inline style");
  }

  @Test
  void theBundleHashNamesTheManifest() {
    assertTrue(bundle.hash().matches("[0-9a-f]{64}"));
    assertTrue(bundle.asset("/sw.js").isPresent());
    assertTrue(bundle.paths().contains("/index.html"));
  }

  @Test
  void malformedManifestLinesAreRefusedByNumber() {
    String good = "/a.js\ttext/javascript\t" + "0".repeat(64) + "\n";
    assertEquals(1, WebBundle.parse(good).size());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WebBundle.parse(good + "/../etc/passwd\ttext/plain\t" + "0".repeat(64) + "\n"));
    assertTrue(String.valueOf(e.getMessage()).contains("line 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WebBundle.parse("/a.js\ttext\tnothex\n"));
  }
}
