package io.valise.core.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One security event as the log stores it: a flat JSON object whose keys are in ascending order and
 * whose values are strings or integers (docs/audit.md, "Entries"). {@link #entry} gives the exact
 * bytes that are hashed into the Merkle tree.
 *
 * @param fields every key, including {@code v}, {@code type} and {@code time}; values are {@link
 *     String} or {@link Long}
 */
public record AuditEvent(SortedMap<String, Object> fields) {
  /** The entry format. */
  public static final long VERSION = 1;

  /** ISO-8601 UTC with exactly three fraction digits, even when they are zero. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The longest entry the store accepts. */
  public static final int MAX_BYTES = 16 * 1024;

  public AuditEvent {
    fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
  }

  /** A new event of {@code type} at {@code time} (kept to the millisecond). */
  public static Builder of(String type, Instant time) {
    return new Builder(type, time);
  }

  /** The event type, for example {@code envelope.upload}. */
  public String type() {
    return java.util.Objects.requireNonNull(get("type"), "type");
  }

  /** A string field, or null. */
  public @Nullable String get(String key) {
    return fields.get(key) instanceof String s ? s : null;
  }

  /**
   * What the entry is about, for finding an envelope's or a key's history: the envelope id if it
   * has one, else the key id, else null.
   */
  public @Nullable String subject() {
    String envelope = get("envelope");
    return envelope != null ? envelope : get("key");
  }

  /** The entry's bytes: UTF-8 JSON, keys in ascending order, no whitespace. */
  public byte[] entry() {
    StringBuilder out = new StringBuilder(256).append('{');
    boolean first = true;
    for (var f : fields.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, f.getKey());
      out.append(':');
      if (f.getValue() instanceof Long l) {
        out.append(l.longValue());
      } else {
        string(out, (String) f.getValue());
      }
    }
    byte[] bytes = out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "Audit entry of %d bytes is over the %d-byte limit".formatted(bytes.length, MAX_BYTES));
    }
    return bytes;
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    if (plain(s)) {
      out.append(s); // ids, hashes, times, addresses: the usual value, copied whole
    } else {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          default -> {
            if (c < 0x20 || c == 0x7f) {
              out.append("\\u%04x".formatted((int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
    }
    out.append('"');
  }

  /** Whether {@code s} has nothing to escape in a JSON string. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** Adds fields; {@code null} values are left out. */
  public static final class Builder {
    private final TreeMap<String, Object> fields = new TreeMap<>();

    private Builder(String type, Instant time) {
      fields.put("v", VERSION);
      fields.put("type", type);
      fields.put("time", time(time));
    }

    /** Sets a string field (skipped if null). */
    public Builder put(String key, @Nullable String value) {
      if (value != null) {
        fields.put(key, value);
      }
      return this;
    }

    /** Sets an integer field (skipped if null). */
    public Builder put(String key, @Nullable Long value) {
      if (value != null) {
        fields.put(key, value);
      }
      return this;
    }

    /** Sets an integer field. */
    public Builder put(String key, long value) {
      fields.put(key, value);
      return this;
    }

    /** Sets a {@code true}/{@code false} field. */
    public Builder put(String key, boolean value) {
      fields.put(key, Boolean.toString(value));
      return this;
    }

    /** Sets an instant field, ISO-8601 UTC to the millisecond (skipped if null). */
    public Builder put(String key, @Nullable Instant value) {
      if (value != null) {
        fields.put(key, time(value));
      }
      return this;
    }

    /** {@code 2026-11-25T13:04:05.123Z}: always milliseconds, so every entry's times align. */
    private static String time(Instant t) {
      return TIME.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    public AuditEvent build() {
      return new AuditEvent(fields);
    }
  }
}
