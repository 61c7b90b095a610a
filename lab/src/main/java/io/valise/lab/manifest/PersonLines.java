package io.valise.lab.manifest;

import io.valise.lab.record.ByteSink;
import java.util.HashMap;
import java.util.Map;

/**
 * Person lines of a manifest built apart from it, on the thread that hashed the records, and
 * written in one call with {@link ManifestWriter#people(PersonLines)}: the same bytes as {@link
 * ManifestWriter#person(String, PersonHashes)} writes line by line. Not thread-safe; {@link
 * #clear()} wipes it.
 */
public final class PersonLines {
  private static final byte[] NIR = ",\"nir\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] NAME =
      "\",\"name\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] END = "\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  final ByteSink bytes;
  private final Map<String, byte[]> starts = new HashMap<>();

  public PersonLines(int capacity) {
    this.bytes = new ByteSink(capacity);
  }

  /**
   * A person whose record goes to {@code group}: {@code hashes} holds the NIR hash then the name
   * hash ({@link PersonHasher}), 32 bytes each, from {@code off}.
   */
  public void add(String group, byte[] hashes, int off) {
    byte[] start =
        starts.computeIfAbsent(
            group,
            g ->
                ("{\"type\":\"person\",\"group\":" + Json.quote(g))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    bytes.append(start);
    bytes.append(NIR);
    bytes.appendHex(hashes, off, HashKey.Hmac.LENGTH);
    bytes.append(NAME);
    bytes.appendHex(hashes, off + HashKey.Hmac.LENGTH, HashKey.Hmac.LENGTH);
    bytes.append(END);
  }

  /** Wipes and empties the lines. */
  public void clear() {
    bytes.clear();
  }
}
