package io.valise.client.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.valise.tlog.merkle.Hash;
import io.valise.tlog.merkle.MerkleHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One audit log entry exactly as the server served it (docs/audit.md, "Entries"): the bytes that
 * are hashed into the Merkle tree, and, read on demand, its flat JSON object. The bytes come from
 * an untrusted server: {@link #fields} refuses anything that is not one JSON object of string and
 * integer values, and the leaf hash is always computed here.
 */
public final class LogEntry {
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final byte[] bytes;
  private @Nullable Map<String, String> fields;

  private LogEntry(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The entry of these bytes (copied). */
  public static LogEntry of(byte[] bytes) {
    return new LogEntry(bytes.clone());
  }

  /** A copy of the entry's bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The entry's text (UTF-8; malformed bytes show as U+FFFD). */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** {@code SHA-256(0x00 || entry)}, the leaf hash of RFC 6962. */
  public Hash leafHash() {
    return MerkleHash.leaf(bytes);
  }

  /**
   * The entry's keys and values in the entry's order, integers as decimal text.
   *
   * @throws IOException if the bytes are not one flat JSON object of strings and integers
   */
  public Map<String, String> fields() throws IOException {
    Map<String, String> f = fields;
    if (f == null) {
      f = Collections.unmodifiableMap(parse());
      fields = f;
    }
    return f;
  }

  /** One field, or null when the entry does not have it. */
  public @Nullable String get(String key) throws IOException {
    return fields().get(key);
  }

  private Map<String, String> parse() throws IOException {
    JsonNode root;
    try {
      root = STRICT.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IOException("audit entry is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException("audit entry is not a JSON object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (var p : root.properties()) {
      JsonNode v = p.getValue();
      if (v.isTextual()) {
        out.put(p.getKey(), v.textValue());
      } else if (v.isIntegralNumber()) {
        out.put(p.getKey(), v.bigIntegerValue().toString());
      } else {
        throw new IOException(
            "audit entry field \"" + printable(p.getKey()) + "\" is not a string or integer");
      }
    }
    return out;
  }

  /** Server text in a message: control characters shown as {@code ?}, cut to 64 characters. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(64).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return s.length() > 64 ? b + "..." : b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogEntry e && Arrays.equals(e.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return text();
  }
}
