package io.valise.lab.manifest;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a manifest (the decrypted JSON lines) in constant memory apart from one counter per group:
 * people are handed to a sink one at a time. Strict: an unknown line type or key, lines out of
 * order, a missing end line (a truncated manifest), or an envelope whose record count differs from
 * its people lines is a {@link ManifestException} naming the line.
 */
public final class ManifestReader {
  private static final Set<String> TRANSMISSION =
      Set.of("type", "version", "profile", "createdAt", "input");
  private static final Set<String> PERSON = Set.of("type", "group", "nir", "name");
  private static final Set<String> ENVELOPE =
      Set.of("type", "group", "output", "id", "records", "categories", "expiresAt");
  private static final Set<String> END = Set.of("type", "records", "rejected");

  private ManifestReader() {}

  /** Receives each person line. */
  @FunctionalInterface
  public interface PersonSink {
    void accept(Manifest.Person person) throws IOException;
  }

  /**
   * Reads the whole manifest from {@code in}, giving each person to {@code people}.
   *
   * @throws ManifestException if it is not a complete, consistent manifest
   */
  public static Manifest read(BufferedReader in, PersonSink people) throws IOException {
    long n = 0;
    String profile = "";
    Instant createdAt = Instant.EPOCH;
    String input = "";
    Map<String, Long> counts = new HashMap<>();
    Map<String, Manifest.Envelope> envelopes = new LinkedHashMap<>();
    int stage = 0; // 0 start, 1 people, 2 envelopes, 3 end
    long records = 0;
    long rejected = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      n++;
      if (stage == 3) {
        throw new ManifestException(n, "text after the end line");
      }
      if (stage == 1) {
        Manifest.@Nullable Person fast = person(line);
        if (fast != null) {
          counts.merge(fast.group(), 1L, Long::sum);
          people.accept(fast);
          continue;
        }
      }
      Map<String, Object> o = Json.object(line, n);
      String type = string(o, "type", n);
      if (stage == 0 && !type.equals("transmission")) {
        throw new ManifestException(n, "the first line must be the transmission line");
      }
      switch (type) {
        case "transmission" -> {
          if (stage != 0) {
            throw new ManifestException(n, "a second transmission line");
          }
          keys(o, TRANSMISSION, n);
          if (number(o, "version", n) != Manifest.VERSION) {
            throw new ManifestException(
                n, "version " + o.get("version") + " (this reader knows " + Manifest.VERSION + ")");
          }
          profile = string(o, "profile", n);
          createdAt = instant(string(o, "createdAt", n), n);
          input = string(o, "input", n);
          stage = 1;
        }
        case "person" -> {
          if (stage != 1) {
            throw new ManifestException(n, "a person line after the envelopes");
          }
          keys(o, PERSON, n);
          String group = string(o, "group", n);
          counts.merge(group, 1L, Long::sum);
          people.accept(
              new Manifest.Person(group, new PersonHashes(hex(o, "nir", n), hex(o, "name", n))));
        }
        case "envelope" -> {
          if (stage > 2) {
            throw new ManifestException(n, "an envelope line after the end");
          }
          stage = 2;
          keys(o, ENVELOPE, n);
          String group = string(o, "group", n);
          @Nullable Object id = o.get("id");
          @Nullable Object expires = o.get("expiresAt");
          Object cats = o.get("categories");
          List<String> categories = new ArrayList<>();
          if (cats instanceof List<?> l) {
            l.forEach(x -> categories.add(String.valueOf(x)));
          } else {
            throw new ManifestException(n, "categories must be a list");
          }
          Manifest.Envelope e =
              new Manifest.Envelope(
                  group,
                  string(o, "output", n),
                  Json.str(id),
                  number(o, "records", n),
                  categories,
                  expires instanceof String s ? instant(s, n) : null);
          if (id != Json.NULL && !(id instanceof String)) {
            throw new ManifestException(n, "id must be a string or null");
          }
          if (envelopes.put(group, e) != null) {
            throw new ManifestException(n, "a second envelope for group " + group);
          }
          long listed = counts.getOrDefault(group, 0L);
          if (listed != e.records()) {
            throw new ManifestException(
                n,
                "envelope for "
                    + group
                    + " says "
                    + e.records()
                    + " records but the manifest lists "
                    + listed
                    + " people for it");
          }
        }
        case "end" -> {
          keys(o, END, n);
          records = number(o, "records", n);
          rejected = number(o, "rejected", n);
          stage = 3;
        }
        default -> throw new ManifestException(n, "unknown line type " + type);
      }
    }
    if (stage != 3) {
      throw new ManifestException(n, "no end line: the manifest is truncated");
    }
    for (String group : counts.keySet()) {
      if (!envelopes.containsKey(group)) {
        throw new ManifestException(n, "people listed for " + group + " but no envelope");
      }
    }
    return new Manifest(
        profile, createdAt, input, new ArrayList<>(envelopes.values()), records, rejected);
  }

  private static final String PERSON_START = "{\"type\":\"person\",\"group\":\"";
  private static final String PERSON_NIR = "\",\"nir\":\"";
  private static final String PERSON_NAME = "\",\"name\":\"";
  private static final String PERSON_END = "\"}";

  /**
   * The person of a line exactly as {@link ManifestWriter} writes it (keys in its order, no spaces,
   * a group without escapes, both hashes 64 lower-case hex digits), or null for any other line,
   * which the general parser then reads or refuses with its reason. A manifest holds millions of
   * these lines; this saves a map and a string per value on each.
   */
  private static Manifest.@Nullable Person person(String line) {
    if (!line.startsWith(PERSON_START)) {
      return null;
    }
    int g = PERSON_START.length();
    int q = g;
    while (q < line.length() && line.charAt(q) != '"') {
      char c = line.charAt(q);
      if (c == '\\' || c < 0x20) {
        return null;
      }
      q++;
    }
    int nir = q + PERSON_NIR.length();
    int name = nir + 64 + PERSON_NAME.length();
    if (line.length() != name + 64 + PERSON_END.length()
        || !line.startsWith(PERSON_NIR, q)
        || !line.startsWith(PERSON_NAME, nir + 64)
        || !line.startsWith(PERSON_END, name + 64)
        || !hex64(line, nir)
        || !hex64(line, name)) {
      return null;
    }
    return new Manifest.Person(
        line.substring(g, q),
        new PersonHashes(line.substring(nir, nir + 64), line.substring(name, name + 64)));
  }

  private static boolean hex64(String s, int from) {
    return lowerHex(s, from, from + 64);
  }

  /** Which characters below 128 are lower-case hex digits. */
  private static final boolean[] LOWER_HEX = new boolean[128];

  static {
    for (char c : "0123456789abcdef".toCharArray()) {
      LOWER_HEX[c] = true;
    }
  }

  /**
   * Whether {@code s} from {@code from} (inclusive) to {@code to} is all lower-case hex digits (a
   * table lookup per character: millions of hashes are checked per assessment).
   */
  public static boolean lowerHex(String s, int from, int to) {
    boolean ok = true;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      ok &= c < 128 && LOWER_HEX[c];
    }
    return ok;
  }

  private static void keys(Map<String, Object> o, Set<String> allowed, long n)
      throws ManifestException {
    for (String k : o.keySet()) {
      if (!allowed.contains(k)) {
        throw new ManifestException(n, "unknown key " + k);
      }
    }
    for (String k : allowed) {
      if (!o.containsKey(k)) {
        throw new ManifestException(n, "missing key " + k);
      }
    }
  }

  private static String string(Map<String, Object> o, String key, long n) throws ManifestException {
    if (o.get(key) instanceof String s) {
      return s;
    }
    throw new ManifestException(n, key + " must be a string");
  }

  private static String hex(Map<String, Object> o, String key, long n) throws ManifestException {
    String s = string(o, key, n);
    if (!s.matches("[0-9a-f]{64}")) {
      throw new ManifestException(n, key + " must be 64 lower-case hex digits");
    }
    return s;
  }

  private static long number(Map<String, Object> o, String key, long n) throws ManifestException {
    if (o.get(key) instanceof Long l && l >= 0) {
      return l;
    }
    throw new ManifestException(n, key + " must be a whole number");
  }

  private static Instant instant(String s, long n) throws ManifestException {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new ManifestException(n, "not a time: " + s);
    }
  }
}
