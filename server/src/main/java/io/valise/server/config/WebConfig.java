package io.valise.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where the web app is served from, for passkeys: WebAuthn binds a credential to a relying party id
 * (a host name) and the browser reports the origin of each ceremony, which the server checks.
 *
 * @param origins the allowed origins, normalised ({@code scheme://host[:port]}, no default port);
 *     empty: the listen address on loopback, {@code http://localhost:PORT} and {@code
 *     http://127.0.0.1:PORT}
 * @param rpId the relying party id; null: the host of the first origin, or {@code localhost}
 */
public record WebConfig(List<String> origins, @Nullable String rpId) {
  /** No {@code web.origin}: the server's own loopback address, relying party {@code localhost}. */
  public static final WebConfig LOCAL = new WebConfig(List.of(), null);

  /**
   * @throws IllegalArgumentException naming the bad origin or relying party id
   */
  public WebConfig {
    List<String> normalised = new ArrayList<>();
    for (String o : origins) {
      normalised.add(normalise(o));
    }
    origins = List.copyOf(normalised);
    if (rpId != null) {
      if (origins.isEmpty()) {
        throw new IllegalArgumentException("web.rp-id needs web.origin");
      }
      rpId = checkRpId(rpId);
    }
    String id = rpId != null ? rpId : origins.isEmpty() ? "localhost" : host(origins.getFirst());
    if (!origins.isEmpty() && rpId == null) {
      checkRpId(id);
    }
    for (String o : origins) {
      String h = host(o);
      if (!h.equals(id) && !h.endsWith("." + id)) {
        throw new IllegalArgumentException(
            "web.origin [%s] is not on the relying party [%s]: its host must be it or end with .%s"
                .formatted(o, id, id));
      }
    }
  }

  /**
   * Reads the two settings.
   *
   * @param origins comma-separated, or null for {@link #LOCAL}
   * @throws IllegalArgumentException naming the bad value
   */
  public static WebConfig parse(@Nullable String origins, @Nullable String rpId) {
    if (origins == null) {
      if (rpId != null) {
        throw new IllegalArgumentException("web.rp-id needs web.origin");
      }
      return LOCAL;
    }
    List<String> list = new ArrayList<>();
    for (String o : origins.split(",", -1)) {
      if (!o.isBlank()) {
        list.add(o.strip());
      }
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException("web.origin names no origin");
    }
    return new WebConfig(list, rpId == null ? null : rpId.strip());
  }

  /** The relying party id that passkeys are bound to. */
  public String effectiveRpId() {
    return rpId != null ? rpId : origins.isEmpty() ? "localhost" : host(origins.getFirst());
  }

  /** {@code scheme://host[:port]} as a browser serialises an origin. */
  private static String normalise(String origin) {
    URI u;
    try {
      u = new URI(origin);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("web.origin [%s] is not a URL".formatted(origin), e);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    String host = u.getHost();
    if (!(scheme.equals("https") || scheme.equals("http"))
        || host == null
        || u.getRawUserInfo() != null
        || !(u.getRawPath() == null || u.getRawPath().isEmpty())
        || u.getRawQuery() != null
        || u.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "web.origin [%s] must be scheme://host[:port], http or https, with no path"
              .formatted(origin));
    }
    host = host.toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && !loopback(host)) {
      throw new IllegalArgumentException(
          "web.origin [%s]: browsers allow passkeys on http only for localhost; use https"
              .formatted(origin));
    }
    int port = u.getPort();
    boolean standard = port == -1 || port == (scheme.equals("https") ? 443 : 80);
    return scheme + "://" + host + (standard ? "" : ":" + port);
  }

  private static boolean loopback(String host) {
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
  }

  private static String host(String normalisedOrigin) {
    return URI.create(normalisedOrigin).getHost();
  }

  private static String checkRpId(String id) {
    if (!id.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
        || id.length() > 253) {
      throw new IllegalArgumentException(
          "web.rp-id [%s] must be a lower-case host name".formatted(id));
    }
    if (id.matches("[0-9.]+")) {
      throw new IllegalArgumentException(
          ("relying party id [%s] is an IP address, which WebAuthn refuses; serve the web app"
                  + " under a host name (http://localhost:PORT when testing)")
              .formatted(id));
    }
    return id;
  }
}
