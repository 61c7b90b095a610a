package io.valise.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web app's files, as listed by the bundle's {@code files.txt}: one line per served file,
 * {@code path TAB media-type TAB sha256-hex}, sorted by path. Each file is checked against its hash
 * when loaded. The bundle hash is the SHA-256 of {@code files.txt} itself, so it names every byte a
 * browser can be served.
 */
public final class WebBundle {
  /** Where the build puts the bundle on the class path. */
  static final String ROOT = "io/valise/web/static";

  /** One served file: its path, media type, bytes and hex SHA-256. */
  public static final class Asset {
    private final String path;
    private final String contentType;
    private final byte[] bytes;
    private final String sha256;

    Asset(String path, String contentType, byte[] bytes, String sha256) {
      this.path = path;
      this.contentType = contentType;
      this.bytes = bytes.clone();
      this.sha256 = sha256;
    }

    public String path() {
      return path;
    }

    public String contentType() {
      return contentType;
    }

    public byte[] bytes() {
      return bytes.clone();
    }

    public String sha256() {
      return sha256;
    }

    /** The number of bytes, without copying them. */
    public int length() {
      return bytes.length;
    }
  }

  private final Map<String, Asset> assets;
  private final String hash;

  private WebBundle(Map<String, Asset> assets, String hash) {
    // In files.txt order (sorted by path), which the release list repeats so that a client can
    // recompute the bundle hash from it.
    this.assets = Collections.unmodifiableMap(new LinkedHashMap<>(assets));
    this.hash = hash;
  }

  /** The bundle built into this jar. */
  public static WebBundle load() {
    ClassLoader loader = WebBundle.class.getClassLoader();
    byte[] manifest = read(loader, "/files.txt");
    Map<String, Asset> assets = new LinkedHashMap<>();
    for (Entry e : parse(new String(manifest, StandardCharsets.UTF_8))) {
      byte[] bytes = read(loader, e.path());
      String actual = sha256(bytes);
      if (!actual.equals(e.sha256())) {
        throw new IllegalStateException(
            "web bundle: "
                + e.path()
                + " has SHA-256 "
                + actual
                + ", files.txt says "
                + e.sha256());
      }
      assets.put(e.path(), new Asset(e.path(), e.type(), bytes, actual));
    }
    if (!assets.containsKey("/index.html")) {
      throw new IllegalStateException("web bundle: files.txt lists no /index.html");
    }
    return new WebBundle(assets, sha256(manifest));
  }

  /** One line of {@code files.txt}. */
  public record Entry(String path, String type, String sha256) {}

  /**
   * The lines of a {@code files.txt}.
   *
   * @throws IllegalArgumentException naming the first malformed line
   */
  public static List<Entry> parse(String manifest) {
    List<Entry> out = new ArrayList<>();
    int n = 0;
    for (String line : manifest.split("\n", -1)) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      List<String> f = List.of(line.split("\t", -1));
      if (f.size() != 3
          || !f.get(0).matches("/[A-Za-z0-9._/-]{1,200}")
          || f.get(0).contains("..")
          || !f.get(2).matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(
            "files.txt line " + n + " is not path TAB type TAB sha256");
      }
      out.add(new Entry(f.get(0), f.get(1), f.get(2)));
    }
    return out;
  }

  /** The file served at {@code path}, if the bundle has one. */
  public Optional<Asset> asset(String path) {
    return Optional.ofNullable(assets.get(path));
  }

  /** The page every app route serves. */
  public Asset index() {
    return java.util.Objects.requireNonNull(assets.get("/index.html"));
  }

  /** Hex SHA-256 of {@code files.txt}: the release's name in the audit log. */
  public String hash() {
    return hash;
  }

  /** Every served path, in the order of {@code files.txt}. */
  public List<String> paths() {
    return List.copyOf(assets.keySet());
  }

  /** Hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static byte[] read(ClassLoader loader, String path) {
    try (InputStream in = loader.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalStateException(
            "web bundle: " + ROOT + path + " is not on the class path (was the web module built?)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
