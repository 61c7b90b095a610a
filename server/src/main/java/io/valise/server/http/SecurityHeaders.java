package io.valise.server.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Response;

/**
 * Headers on every response. API answers are data, never a page: no sniffing, no framing, no
 * script, no referrer. The web app's page replaces the content policy with its own.
 */
final class SecurityHeaders {
  private SecurityHeaders() {}

  static void apply(Response response) {
    HttpFields.Mutable h = response.getHeaders();
    h.put("X-Content-Type-Options", "nosniff");
    h.put("Referrer-Policy", "no-referrer");
    h.put("X-Frame-Options", "DENY");
    h.put("Cross-Origin-Opener-Policy", "same-origin");
    h.put("Cross-Origin-Resource-Policy", "same-origin");
    h.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    // Browsers honour it only over HTTPS, which is how a deployment must expose Valise.
    h.put("Strict-Transport-Security", "max-age=63072000");
    h.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
}
