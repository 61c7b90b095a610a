package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The web app as served: its headers, its assets' integrity, and browser sessions. */
class WebAppServingTest extends ServerTest {
  private static final String SESSION = "__Host-valise-session";
  private static final String CSRF = "__Host-valise-csrf";

  @Test
  void everyAppPathServesThePageWithAStrictPolicy() throws Exception {
    for (String path : List.of("/", "/app", "/app/inbox", "/app/envelopes/xyz", "/s/abc")) {
      HttpResponse<String> r = get(path, null);
      assertEquals(200, r.statusCode(), path);
      assertTrue(header(r, "Content-Type").startsWith("text/html"), path);
      String csp = header(r, "Content-Security-Policy");
      assertTrue(csp.contains("default-src 'none'"), csp);
      assertTrue(csp.contains("script-src 'self';"), csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), csp);
      assertTrue(csp.contains("require-trusted-types-for 'script'"), csp);
      assertFalse(csp.contains("unsafe"), csp);
      assertEquals("nosniff", header(r, "X-Content-Type-Options"));
      assertEquals("no-referrer", header(r, "Referrer-Policy"));
      assertEquals("DENY", header(r, "X-Frame-Options"));
    }
  }

  @Test
  void theAssetsMatchTheirIntegrityHashes() throws Exception {
    String html = get("/", null).body();
    Matcher m =
        Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\" integrity=\"sha384-([^\"]+)\"")
            .matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
      HttpResponse<byte[]> a =
          http.send(
              HttpRequest.newBuilder(uri(m.group(1))).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, a.statusCode());
      byte[] digest = MessageDigest.getInstance("SHA-384").digest(a.body());
      assertEquals(m.group(2), Base64.getEncoder().encodeToString(digest), m.group(1));
      assertTrue(a.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
    }
    assertEquals(2, n, html);
    assertEquals(404, get("/assets/app-0000.js", null).statusCode());
    assertTrue(get("/assets/..%2Findex.html", null).statusCode() >= 400);
    HttpResponse<String> sw = get("/sw.js", null);
    assertEquals(200, sw.statusCode());
    assertEquals("default-src 'none'; connect-src 'self'", header(sw, "Content-Security-Policy"));
    HttpResponse<String> dl = get("/app/dl/AAAAAAAAAAAAAAAAAAAAAAAA", null);
    assertEquals(404, dl.statusCode());
    assertTrue(dl.body().contains("Valise page"), dl.body());
  }

  @Test
  void aBrowserSessionLivesInCookiesAndNeedsItsCsrfToken() throws Exception {
    addUser("alice");
    HttpResponse<String> r = cookieLogin("alice", null);
    assertEquals(200, r.statusCode(), r.body());
    assertFalse(json(r.body()).has("token"), "the token stays out of the page's reach");
    List<String> cookies = r.headers().allValues("Set-Cookie");
    String session = cookie(cookies, SESSION);
    String csrf = cookie(cookies, CSRF);
    String sessionLine =
        cookies.stream().filter(c -> c.startsWith(SESSION)).findFirst().orElseThrow();
    for (String attribute : List.of("HttpOnly", "Secure", "SameSite=Strict", "Path=/")) {
      assertTrue(sessionLine.contains(attribute), sessionLine);
    }
    String both = SESSION + "=" + session + "; " + CSRF + "=" + csrf;

    assertEquals(200, withCookie("/api/me", both, "Valise-CSRF", csrf).statusCode());
    assertProblem(withCookie("/api/me", both), 403, "csrf_token_missing");
    assertProblem(
        withCookie("/api/me", both, "Valise-CSRF", csrf + "x"), 403, "csrf_token_missing");
    assertProblem(
        withCookie("/api/me", both, "Valise-CSRF", csrf, "Sec-Fetch-Site", "cross-site"),
        403,
        "cross_site");
    assertProblem(
        withCookie("/api/me", both, "Valise-CSRF", csrf, "Origin", "https://evil.example"),
        403,
        "cross_site");
    assertEquals(
        200,
        withCookie(
                "/api/me",
                both,
                "Valise-CSRF",
                csrf,
                "Origin",
                "http://127.0.0.1:" + server().port())
            .statusCode());

    HttpResponse<String> out =
        call("POST", "/api/logout", null, null, "Cookie", both, "Valise-CSRF", csrf);
    assertEquals(200, out.statusCode(), out.body());
    assertTrue(
        out.headers().allValues("Set-Cookie").stream().allMatch(c -> c.contains("Max-Age=0")));
    HttpResponse<String> ended = withCookie("/api/me", both, "Valise-CSRF", csrf);
    assertProblem(ended, 401, "bad_token");
    assertEquals(
        List.of(SESSION + "=; Path=/; Secure; SameSite=Strict; HttpOnly; Max-Age=0"),
        ended.headers().allValues("Set-Cookie"),
        "a refused session cookie is expired, so the browser stops presenting it");
    HttpResponse<String> bearer = call("GET", "/api/me", session, null);
    assertProblem(bearer, 401, "bad_token");
    assertTrue(bearer.headers().allValues("Set-Cookie").isEmpty(), "a bearer token sets no cookie");
  }

  @Test
  void aLoginFromAnotherSiteGetsNoCookie() throws Exception {
    addUser("alice");
    HttpResponse<String> r = cookieLogin("alice", "https://evil.example");
    assertProblem(r, 403, "cross_site");
    assertTrue(r.headers().allValues("Set-Cookie").isEmpty());
  }

  private HttpResponse<String> cookieLogin(
      String name, @org.jspecify.annotations.Nullable String origin) throws Exception {
    String body =
        JSON.createObjectNode()
            .put("name", name)
            .put("password", PASSWORD)
            .put("cookie", true)
            .toString();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri("/api/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> withCookie(String path, String cookies, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET().header("Cookie", cookies);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cookie(List<String> setCookies, String name) {
    String line =
        setCookies.stream()
            .filter(c -> c.startsWith(name + "="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + name + " in " + setCookies));
    return line.substring(name.length() + 1, line.indexOf(';'));
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse("");
  }
}
