package io.valise.server.api.account;

import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A browser's session: the session token in an {@code HttpOnly} cookie that scripts cannot read,
 * and a CSRF token in a second cookie that the page's script reads and echoes in the {@code
 * Valise-CSRF} header of every call. Another site can make a browser send the cookies but can
 * neither read the second one nor add the header, and {@code SameSite=Strict} keeps the cookies off
 * cross-site requests in the first place. The CSRF token is an HMAC of the session token, so
 * nothing more is stored. Requests that say they come from another site ({@code Sec-Fetch-Site},
 * {@code Origin}) are refused before any of this.
 */
public final class BrowserSession {
  static final String SESSION_COOKIE = "__Host-valise-session";
  static final String CSRF_COOKIE = "__Host-valise-csrf";
  static final String CSRF_HEADER = "Valise-CSRF";
  private static final byte[] CSRF_LABEL = "valise csrf v1".getBytes(StandardCharsets.US_ASCII);
  private static final String ATTRIBUTES = "; Path=/; Secure; SameSite=Strict";

  private BrowserSession() {}

  /** The session cookie's value, if the request carries one. */
  static Optional<String> sessionCookie(Exchange ex) {
    String header = ex.header("Cookie");
    if (header == null) {
      return Optional.empty();
    }
    for (String part : header.split(";", -1)) {
      String p = part.strip();
      if (p.startsWith(SESSION_COOKIE + "=")) {
        return Optional.of(p.substring(SESSION_COOKIE.length() + 1));
      }
    }
    return Optional.empty();
  }

  /**
   * Refuses a request that a browser marks as coming from another site: {@code Sec-Fetch-Site}
   * other than {@code same-origin}, or an {@code Origin} that is not this server's.
   */
  static void requireSameOrigin(Exchange ex) {
    String site = ex.header("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw new ApiException.Forbidden("cross_site", "Requests from other sites are refused");
    }
    String origin = ex.header("Origin");
    if (origin != null && !sameHost(origin, ex.host())) {
      throw new ApiException.Forbidden("cross_site", "Requests from other origins are refused");
    }
  }

  private static boolean sameHost(String origin, @Nullable String host) {
    if (host == null) {
      return false;
    }
    try {
      URI o = new URI(origin);
      String authority = o.getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host);
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Checks the {@code Valise-CSRF} header against the session token in the cookie. */
  static void requireCsrf(Exchange ex, String sessionToken) {
    String given = ex.header(CSRF_HEADER);
    byte[] expected = csrf(sessionToken).getBytes(StandardCharsets.US_ASCII);
    if (given == null
        || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.ISO_8859_1))) {
      throw new ApiException.Forbidden(
          "csrf_token_missing",
          "A request with the session cookie needs the page's token in " + CSRF_HEADER);
    }
  }

  /** Sets both cookies for a new session. They last as long as the browser (no Max-Age). */
  static void start(Exchange ex, String sessionToken) {
    ex.addResponseHeader(
        "Set-Cookie", SESSION_COOKIE + "=" + sessionToken + ATTRIBUTES + "; HttpOnly");
    ex.addResponseHeader("Set-Cookie", CSRF_COOKIE + "=" + csrf(sessionToken) + ATTRIBUTES);
    ex.responseHeader("Cache-Control", "no-store");
  }

  /**
   * The header that expires the session cookie, for a refusal of a session the server no longer
   * honours: the browser then stops presenting it (the page drops the readable CSRF cookie itself).
   */
  static Map<String, String> endedSessionHeaders() {
    return Map.of("Set-Cookie", SESSION_COOKIE + "=" + ATTRIBUTES + "; HttpOnly; Max-Age=0");
  }

  /** Expires both cookies. */
  static void end(Exchange ex) {
    ex.addResponseHeader("Set-Cookie", SESSION_COOKIE + "=" + ATTRIBUTES + "; HttpOnly; Max-Age=0");
    ex.addResponseHeader("Set-Cookie", CSRF_COOKIE + "=" + ATTRIBUTES + "; Max-Age=0");
  }

  /** base64url(HMAC-SHA-256(session token, label)): the CSRF token of a session. */
  static String csrf(String sessionToken) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(sessionToken.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(CSRF_LABEL));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from the JDK", e);
    }
  }
}
