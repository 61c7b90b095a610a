package io.valise.lab.manifest;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Writes a manifest as JSON lines (docs/lab.md, "Manifest"), in the order the format requires: the
 * transmission line, the people as records pass, the envelopes once uploaded, and the end line, in
 * UTF-8. The caller buffers {@code out} (an encrypting stream: no clear copy is ever on disk) if it
 * writes line by line; people come in large blocks with {@link #people(PersonLines)}.
 */
public final class ManifestWriter implements Closeable {
  private final OutputStream out;

  public ManifestWriter(OutputStream out) {
    this.out = out;
  }

  /** The first line. */
  public void start(String profile, Instant createdAt, String input) throws IOException {
    line(
        "{\"type\":\"transmission\",\"version\":"
            + Manifest.VERSION
            + ",\"profile\":"
            + Json.quote(profile)
            + ",\"createdAt\":"
            + Json.quote(createdAt.toString())
            + ",\"input\":"
            + Json.quote(input)
            + "}");
  }

  /** A person whose record goes to {@code group}. */
  public void person(String group, PersonHashes h) throws IOException {
    line(
        "{\"type\":\"person\",\"group\":"
            + Json.quote(group)
            + ",\"nir\":"
            + Json.quote(h.nir())
            + ",\"name\":"
            + Json.quote(h.name())
            + "}");
  }

  /** People lines built apart, in their order; {@code lines} is left as it was. */
  public void people(PersonLines lines) throws IOException {
    lines.bytes.writeTo(out);
  }

  /** An envelope, after its upload (or its failure: a null id). */
  public void envelope(Manifest.Envelope e) throws IOException {
    String id = e.id();
    java.time.Instant expires = e.expiresAt();
    line(
        "{\"type\":\"envelope\",\"group\":"
            + Json.quote(e.group())
            + ",\"output\":"
            + Json.quote(e.output())
            + ",\"id\":"
            + (id == null ? "null" : Json.quote(id))
            + ",\"records\":"
            + e.records()
            + ",\"categories\":["
            + e.categories().stream().map(Json::quote).collect(Collectors.joining(","))
            + "],\"expiresAt\":"
            + (expires == null ? "null" : Json.quote(expires.toString()))
            + "}");
  }

  /** The last line: what was read and rejected. */
  public void end(long records, long rejected) throws IOException {
    line("{\"type\":\"end\",\"records\":" + records + ",\"rejected\":" + rejected + "}");
  }

  private void line(String s) throws IOException {
    out.write((s + "\n").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
