package io.valise.client.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.client.api.ApiProblem;
import io.valise.client.api.WebApi.Served;
import io.valise.client.api.WebRelease;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The served app against its release list, offline: what build.mjs makes, then tampering. */
class WebCheckTest {
  private static final String JS = "text/javascript; charset=utf-8";
  private static final String CSS = "text/css; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";

  /** A server's files by path, with the page served at "/" too. */
  private final Map<String, Served> files = new HashMap<>();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(String alg, byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(b));
  }

  private static String sri(byte[] b) throws Exception {
    return "sha384-"
        + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(b));
  }

  private static String page(String js, String jsSri, String css, String cssSri) {
    return "<!doctype html><html><head><link rel=\"icon\" href=\"/assets/favicon.svg\">"
        + "<link rel=\"stylesheet\" href=\""
        + css
        + "\" integrity=\""
        + cssSri
        + "\" crossorigin=\"anonymous\">"
        + "<script type=\"module\" src=\""
        + js
        + "\" integrity=\""
        + jsSri
        + "\" crossorigin=\"anonymous\"></script>"
        + "</head><body></body></html>";
  }

  /** Serves a fresh build and returns its release, as the server lists it. */
  private WebRelease build() throws Exception {
    byte[] js = utf8("console.log('valise')");
    byte[] css = utf8("body{margin:0}");
    files.put("/assets/app-1.js", new Served(JS, js));
    files.put("/assets/app-1.css", new Served(CSS, css));
    files.put("/assets/favicon.svg", new Served("image/svg+xml", utf8("<svg/>")));
    files.put("/sw.js", new Served(JS, utf8("self.onfetch=null")));
    files.put(
        "/index.html",
        new Served(HTML, utf8(page("/assets/app-1.js", sri(js), "/assets/app-1.css", sri(css)))));
    return release();
  }

  /** The release list of what is served now (an honest server, or one that lies consistently). */
  private WebRelease release() throws Exception {
    List<WebRelease.File> list = new ArrayList<>();
    StringBuilder manifest = new StringBuilder();
    for (var e : new TreeMap<>(files).entrySet()) {
      String sha = hex("SHA-256", e.getValue().body());
      list.add(new WebRelease.File(e.getKey(), e.getValue().type(), sha));
      manifest
          .append(e.getKey())
          .append('\t')
          .append(e.getValue().type())
          .append('\t')
          .append(sha)
          .append('\n');
    }
    return new WebRelease(hex("SHA-256", utf8(manifest.toString())), list, 7L);
  }

  private Served fetch(String path) throws ApiProblem {
    Served s = files.get(path.equals("/") ? "/index.html" : path);
    if (s == null) {
      throw new ApiProblem(404, "not_found", path);
    }
    return s;
  }

  private WebCheck.Verified check(WebRelease r) throws Exception {
    return WebCheck.check("/", r, null, this::fetch);
  }

  @Test
  void aServedBuildVerifies() throws Exception {
    WebRelease r = build();
    WebCheck.Verified v = check(r);
    assertEquals(r.bundle(), v.bundle());
    assertEquals(5, v.files());
    assertEquals(2, v.integrity());
    assertEquals(v, WebCheck.check("/", r, r.bundle(), this::fetch), "the bundle expected");
  }

  @Test
  void aChangedAssetIsNamed() throws Exception {
    WebRelease r = build();
    files.put("/assets/app-1.js", new Served(JS, utf8("steal(keys)")));
    WebMismatchException e = assertThrows(WebMismatchException.class, () -> check(r));
    assertEquals("/assets/app-1.js", e.path());
    assertEquals(r.files().get(1).sha256(), e.expected());
    assertEquals(hex("SHA-256", utf8("steal(keys)")), e.got());
    assertTrue(e.getMessage().startsWith("/assets/app-1.js: SHA-256 expected "), e.getMessage());
  }

  @Test
  void aChangedWorkerOrPageIsNamed() throws Exception {
    WebRelease r = build();
    files.put("/sw.js", new Served(JS, utf8("self.onfetch=leak")));
    assertEquals("/sw.js", assertThrows(WebMismatchException.class, () -> check(r)).path());
    WebRelease again = build();
    files.put("/index.html", new Served(HTML, utf8("<html>phish</html>")));
    assertEquals(
        "/index.html (served at /)",
        assertThrows(WebMismatchException.class, () -> check(again)).path());
  }

  @Test
  void aListMadeToMatchATamperedAssetFailsTheIntegrityOfThePage() throws Exception {
    var unused = build();
    files.put("/assets/app-1.js", new Served(JS, utf8("steal(keys)")));
    WebRelease lying = release(); // the list and bundle hash now describe the tampered file
    WebMismatchException e = assertThrows(WebMismatchException.class, () -> check(lying));
    assertEquals("/assets/app-1.js", e.path());
    assertTrue(e.getMessage().contains("integrity"), e.getMessage());
    // and a caller who knows the release it trusts refuses the bundle before anything else
    WebRelease honest = build();
    files.put("/assets/app-1.js", new Served(JS, utf8("steal(keys)")));
    assertEquals(
        "bundle",
        assertThrows(
                WebMismatchException.class,
                () -> WebCheck.check("/", release(), honest.bundle(), this::fetch))
            .path());
  }

  @Test
  void theListMustRecomputeToTheBundleHash() throws Exception {
    WebRelease r = build();
    List<WebRelease.File> shuffled = new ArrayList<>(r.files());
    Collections.reverse(shuffled);
    WebMismatchException order =
        assertThrows(
            WebMismatchException.class, () -> check(new WebRelease(r.bundle(), shuffled, 7L)));
    assertEquals("files.txt", order.path());
    WebRelease wrongHash = new WebRelease("00".repeat(32), r.files(), 7L);
    assertEquals(
        "files.txt", assertThrows(WebMismatchException.class, () -> check(wrongHash)).path());
    files.remove("/sw.js"); // a release without its service worker
    assertEquals("/sw.js", assertThrows(WebMismatchException.class, () -> check(release())).path());
  }

  @Test
  void integrityIsDecidedByTheStrongestAlgorithm() throws Exception {
    byte[] b = utf8("x");
    String s384 = sri(b);
    String s256 =
        "sha256-"
            + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(b));
    assertTrue(WebCheck.matches(s384, b));
    assertTrue(WebCheck.matches(s256 + " " + s384, b));
    assertTrue(WebCheck.matches("sha384-AAAA " + s384, b), "one of the strongest matches");
    assertFalse(WebCheck.matches(s256 + " sha384-AAAA", b), "the weaker one does not count");
    assertFalse(WebCheck.matches("md5-AAAA", b));
    assertTrue(WebCheck.matches(s384 + "?opt", b));
  }
}
