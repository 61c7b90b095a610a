package io.valise.client.web;

import io.valise.client.api.WebApi.Served;
import io.valise.client.api.WebRelease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a served web app against its release list, the way {@code web/build.mjs} made it: the list
 * recomputes to the bundle hash ({@code SHA-256} of {@code path TAB type TAB sha256} lines,
 * sorted), the page and every listed file have the listed SHA-256 and media type, {@code /sw.js} is
 * listed, and each script and stylesheet the page loads is a listed file whose bytes match the
 * page's {@code integrity} attribute. The first difference is a {@link WebMismatchException}.
 *
 * <p>What this does not check is whether the release is one the log published: see {@code
 * io.valise.client.audit.Receipts}.
 */
public final class WebCheck {
  private static final Pattern TAG =
      Pattern.compile("<(script|link)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTRIBUTE =
      Pattern.compile("([a-zA-Z][a-zA-Z0-9-]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/-]{1,200}");
  private static final String PAGE = "/index.html";

  private WebCheck() {}

  /** Fetches a path of the server's origin as a browser would. */
  @FunctionalInterface
  public interface Fetcher {
    Served get(String path) throws IOException;
  }

  /** A check that passed: the release and how many files were compared. */
  public record Verified(String bundle, int files, int integrity) {}

  /**
   * Checks the app served at {@code pagePath} against {@code release}.
   *
   * @param expectedBundle the bundle hash the caller expects (a release it trusts), or null
   * @throws WebMismatchException naming the first file, list or attribute that differs
   * @throws IOException if a file cannot be fetched
   */
  public static Verified check(
      String pagePath, WebRelease release, @Nullable String expectedBundle, Fetcher fetch)
      throws IOException {
    Map<String, WebRelease.File> listed = list(release);
    String bundle = release.bundle();
    if (expectedBundle != null && !expectedBundle.equals(bundle)) {
      throw new WebMismatchException(
          "bundle", "the release you asked for:", expectedBundle, show(bundle));
    }
    WebRelease.File sw = listed.get("/sw.js");
    WebRelease.File page = listed.get(PAGE);
    if (sw == null || page == null) {
      throw new WebMismatchException(
          sw == null ? "/sw.js" : PAGE, "the release list:", "the file listed", "no such line");
    }
    Map<String, byte[]> served = new HashMap<>();
    byte[] html = fetch(fetch, pagePath, page, PAGE + " (served at " + pagePath + ")");
    served.put(PAGE, html);
    for (WebRelease.File f : release.files()) {
      if (!f.path().equals(PAGE)) {
        served.put(f.path(), fetch(fetch, f.path(), f, f.path()));
      }
    }
    int integrity = integrity(new String(html, StandardCharsets.UTF_8), served);
    return new Verified(bundle, release.files().size(), integrity);
  }

  /**
   * The release's files by path, once the list is well formed, sorted, and recomputes to the bundle
   * hash.
   */
  private static Map<String, WebRelease.File> list(WebRelease release) throws IOException {
    StringBuilder manifest = new StringBuilder();
    Map<String, WebRelease.File> byPath = new HashMap<>();
    String previous = "";
    for (WebRelease.File f : release.files()) {
      if (!PATH.matcher(f.path()).matches()
          || f.path().contains("..")
          || !f.sha256().matches("[0-9a-f]{64}")
          || !f.type().matches("[\\x20-\\x7e]{1,200}")) {
        throw new WebMismatchException(
            "files.txt", "a line of the release list:", "path TAB type TAB sha256", show(f.path()));
      }
      if (f.path().compareTo(previous) <= 0) {
        throw new WebMismatchException(
            "files.txt", "the release list's order:", "sorted, each path once", show(f.path()));
      }
      previous = f.path();
      byPath.put(f.path(), f);
      manifest.append(f.path()).append('\t').append(f.type()).append('\t').append(f.sha256());
      manifest.append('\n');
    }
    String computed = hex("SHA-256", manifest.toString().getBytes(StandardCharsets.UTF_8));
    if (!computed.equals(release.bundle())) {
      throw new WebMismatchException(
          "files.txt",
          "SHA-256 of the release list (the bundle hash):",
          show(release.bundle()),
          computed);
    }
    return byPath;
  }

  private static byte[] fetch(Fetcher fetch, String path, WebRelease.File listed, String name)
      throws IOException {
    Served s = fetch.get(path);
    byte[] body = s.body();
    String got = hex("SHA-256", body);
    if (!got.equals(listed.sha256())) {
      throw new WebMismatchException(name, "SHA-256", listed.sha256(), got);
    }
    if (!mediaType(s.type()).equals(mediaType(listed.type()))) {
      throw new WebMismatchException(name, "media type", listed.type(), show(s.type()));
    }
    return body;
  }

  /**
   * Checks every script and stylesheet of the page: a listed file, loaded with an {@code integrity}
   * attribute that its bytes match.
   *
   * @return how many were checked
   */
  private static int integrity(String html, Map<String, byte[]> served) throws IOException {
    Matcher tags = TAG.matcher(html);
    int checked = 0;
    while (tags.find()) {
      Map<String, String> a = attributes(tags.group(2));
      boolean script = tags.group(1).equalsIgnoreCase("script");
      String url = script ? a.get("src") : a.get("href");
      if (url == null || (!script && !isStylesheet(a.get("rel")))) {
        continue; // an inline script (refused by the page's CSP anyway), an icon
      }
      byte[] bytes = served.get(url);
      if (bytes == null) {
        throw new WebMismatchException(
            PAGE,
            "a " + (script ? "script" : "stylesheet") + " the page loads:",
            "a file of the release",
            show(url));
      }
      String sri = a.get("integrity");
      if (sri == null || !matches(sri, bytes)) {
        throw new WebMismatchException(
            url,
            "integrity attribute in " + PAGE,
            expected(sri, bytes),
            show(sri == null ? "none" : sri));
      }
      checked++;
    }
    return checked;
  }

  private static boolean isStylesheet(@Nullable String rel) {
    if (rel == null) {
      return false;
    }
    for (String r : rel.toLowerCase(Locale.ROOT).split("\\s+", -1)) {
      if (r.equals("stylesheet") || r.equals("modulepreload") || r.equals("preload")) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> attributes(String text) {
    Map<String, String> out = new HashMap<>();
    Matcher m = ATTRIBUTE.matcher(text);
    while (m.find()) {
      String v = m.group(2) != null ? m.group(2) : m.group(3);
      out.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), v);
    }
    return out;
  }

  /**
   * Whether {@code bytes} match an integrity attribute as a browser decides (W3C SRI §3.3.4): among
   * the hashes of the strongest algorithm given, one must match.
   */
  static boolean matches(String integrity, byte[] bytes) {
    List<String> algorithms = List.of("sha512", "sha384", "sha256");
    for (String alg : algorithms) {
      boolean present = false;
      for (String token : integrity.strip().split("\\s+", -1)) {
        int dash = token.indexOf('-');
        if (dash < 0 || !token.substring(0, dash).equalsIgnoreCase(alg)) {
          continue;
        }
        present = true;
        String digest = token.substring(dash + 1);
        int option = digest.indexOf('?');
        if (option >= 0) {
          digest = digest.substring(0, option);
        }
        if (digest.equals(base64(javaName(alg), bytes))) {
          return true;
        }
      }
      if (present) {
        return false; // the strongest algorithm given decides
      }
    }
    return false;
  }

  private static String expected(@Nullable String sri, byte[] bytes) {
    String alg = "sha384";
    if (sri != null) {
      for (String a : List.of("sha512", "sha384", "sha256")) {
        if (sri.toLowerCase(Locale.ROOT).contains(a + "-")) {
          alg = a;
          break;
        }
      }
    }
    return alg + "-" + base64(javaName(alg), bytes) + " (of the served file)";
  }

  private static String javaName(String alg) {
    return "SHA-" + alg.substring(3);
  }

  /** A media type compared as browsers do: case-insensitive, spaces around parameters ignored. */
  private static String mediaType(String type) {
    return type.toLowerCase(Locale.ROOT)
        .replaceAll("\\s*;\\s*", ";")
        .replaceAll("\\s*=\\s*", "=")
        .strip();
  }

  private static String hex(String alg, byte[] bytes) {
    return HexFormat.of().formatHex(digest(alg, bytes));
  }

  private static String base64(String alg, byte[] bytes) {
    return Base64.getEncoder().encodeToString(digest(alg, bytes));
  }

  private static byte[] digest(String alg, byte[] bytes) {
    try {
      return MessageDigest.getInstance(alg).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + alg, e);
    }
  }

  /** Served text as it may appear in a message: at most 100 characters, no control characters. */
  private static String show(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(100).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return s.length() > 100 ? b + "..." : b.toString();
  }
}
