package io.valise.client.envelope;

import io.valise.age.x25519.X25519Identity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A share-link URL, {@code https://host[/prefix]/s/<id>#AGE-SECRET-KEY-1...}: the server's base
 * URL, the link id, and after {@code #} the link's X25519 identity, which browsers and this client
 * never send to the server. Messages about a bad link never repeat its fragment.
 */
public final class ShareLink implements AutoCloseable {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final String server;
  private final String id;
  private final X25519Identity identity;

  private ShareLink(String server, String id, X25519Identity identity) {
    this.server = server;
    this.id = id;
    this.identity = identity;
  }

  /** Whether {@code text} looks like a URL rather than an envelope id. */
  public static boolean looksLikeUrl(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return t.startsWith("http://") || t.startsWith("https://");
  }

  /**
   * Parses a share-link URL.
   *
   * @throws IllegalArgumentException naming what is wrong (never quoting the secret)
   */
  public static ShareLink parse(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a share link: the URL is malformed");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("not a share link: it must start with https://");
    }
    String authority = uri.getRawAuthority();
    String path = uri.getRawPath();
    if (authority == null || path == null || uri.getRawQuery() != null) {
      throw new IllegalArgumentException(
          "not a share link: expected https://HOST/s/ID#AGE-SECRET-KEY-1...");
    }
    int s = path.lastIndexOf("/s/");
    String id = s < 0 ? "" : path.substring(s + 3);
    if (s < 0 || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "not a share link: the path must end in /s/ID (got " + shorten(path) + ")");
    }
    String fragment = uri.getRawFragment();
    if (fragment == null || fragment.isEmpty()) {
      throw new IllegalArgumentException(
          "the share link has no key after '#': copy the whole link, including the part after #");
    }
    X25519Identity identity;
    try {
      identity = X25519Identity.parse(fragment);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the part after '#' of the share link is not an age identity (AGE-SECRET-KEY-1...):"
              + " was the link cut short?");
    }
    return new ShareLink(scheme + "://" + authority + path.substring(0, s), id, identity);
  }

  /** The link URL for {@code id} on {@code server} (base URL, no trailing slash). */
  public static String format(String server, String id, X25519Identity identity) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a link id");
    }
    return server + "/s/" + id + "#" + identity.encode();
  }

  private static String shorten(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  /** The server's base URL, for example {@code https://valise.example.org}. */
  public String server() {
    return server;
  }

  public String id() {
    return id;
  }

  /** The link's identity; wiped by {@link #close()}. */
  public X25519Identity identity() {
    return identity;
  }

  @Override
  public void close() {
    identity.destroy();
  }

  @Override
  public String toString() {
    return "ShareLink[" + server + "/s/" + id + "#REDACTED]";
  }
}
