package io.valise.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The audit log's routes (docs/api.md, "Audit log"). Every answer is untrusted: this class only
 * checks the form (a malformed field is an {@link IOException} naming it); {@code
 * io.valise.client.audit} checks signatures and proofs.
 */
public final class AuditApi {
  /** The most entries the server gives per call of {@code /api/audit/entries}. */
  public static final int PAGE = 1000;

  private static final int MAX_NOTE = 64 * 1024;

  private final Http http;

  AuditApi(Http http) {
    this.http = http;
  }

  /** The public routes of the server at {@code base}, without a session. */
  public static AuditApi anonymous(HttpClient client, String base) {
    return new AuditApi(new Http(client, base, null));
  }

  /** The server's base URL. */
  public String server() {
    return http.base();
  }

  /** {@code GET /api/audit/key}: the log's note verifier key, one line without its newline. */
  public String logKey() throws IOException {
    String key = text(get("/api/audit/key"), "the log key");
    return key.strip();
  }

  /**
   * {@code GET /api/audit/checkpoint}: the latest signed checkpoint note; with {@code witness}, the
   * latest that witness cosigned.
   */
  public byte[] checkpoint(@Nullable String witness) throws IOException {
    String path =
        witness == null
            ? "/api/audit/checkpoint"
            : "/api/audit/checkpoint?witness=" + ValiseApi.segment(witness);
    return note(get(path));
  }

  /** {@code GET /api/audit/checkpoints/{size}}: the signed checkpoint of exactly that size. */
  public byte[] checkpoint(long size) throws IOException {
    return note(get("/api/audit/checkpoints/" + nonNegative(size, "size")));
  }

  /**
   * {@code GET /api/audit/proof/inclusion}: the audit path of leaf {@code index} at {@code size}.
   */
  public List<io.valise.tlog.merkle.Hash> inclusionProof(long index, long size) throws IOException {
    JsonNode r =
        http.json(
            get(
                "/api/audit/proof/inclusion?index="
                    + nonNegative(index, "index")
                    + "&size="
                    + nonNegative(size, "size")));
    expect(r, "index", index);
    expect(r, "size", size);
    return Parse.hashes(r, "proof");
  }

  /**
   * {@code GET /api/audit/proof/consistency}: the proof that tree {@code to} extends {@code from}.
   */
  public List<io.valise.tlog.merkle.Hash> consistencyProof(long from, long to) throws IOException {
    JsonNode r =
        http.json(
            get(
                "/api/audit/proof/consistency?from="
                    + nonNegative(from, "from")
                    + "&to="
                    + nonNegative(to, "to")));
    expect(r, "from", from);
    expect(r, "to", to);
    return Parse.hashes(r, "proof");
  }

  /**
   * {@code GET /api/audit/entries} (administrators): entries {@code start} to at most {@code end -
   * 1}, no more than {@value #PAGE}. The served {@code start} is returned as served, so that the
   * caller can see a gap or an overlap.
   */
  public EntryPage entries(long start, long end) throws IOException {
    JsonNode r =
        http.json(
            get(
                "/api/audit/entries?start="
                    + nonNegative(start, "start")
                    + "&end="
                    + nonNegative(end, "end")));
    long served = Parse.count(r, "start");
    JsonNode array = r.get("entries");
    if (array == null || !array.isArray()) {
      throw new IOException(
          "unexpected answer from the server: \"entries\" is missing or not an array");
    }
    List<LogEntry> out = new ArrayList<>();
    for (JsonNode e : array) {
      String where = "entries[" + out.size() + "]";
      if (!e.isTextual()) {
        throw new IOException(
            "unexpected answer from the server: \"" + where + "\" is not a string");
      }
      out.add(LogEntry.of(Parse.base64(e.textValue(), where)));
    }
    return new EntryPage(served, out);
  }

  /** {@code GET /api/audit/envelopes/{id}}: the envelope's logged history. */
  public EnvelopeHistory envelopeHistory(String id) throws IOException {
    JsonNode r = http.json(get("/api/audit/envelopes/" + ValiseApi.segment(id)));
    JsonNode array = r.get("entries");
    if (array == null || !array.isArray()) {
      throw new IOException(
          "unexpected answer from the server: \"entries\" is missing or not an array");
    }
    List<LoggedEntry> out = new ArrayList<>();
    for (JsonNode e : array) {
      out.add(Parse.logged(e, "entries[" + out.size() + "]"));
    }
    return new EnvelopeHistory(Parse.string(r, "envelope"), Parse.count(r, "size"), out);
  }

  /**
   * {@code GET /api/audit/receipts/{envelope}}: the upload receipt, or empty when the server has
   * not sequenced the entry yet ({@code not_sequenced}: ask again).
   */
  public Optional<Receipt> receipt(String envelope) throws IOException {
    JsonNode r;
    try {
      r = http.json(get("/api/audit/receipts/" + ValiseApi.segment(envelope)));
    } catch (ApiProblem p) {
      if (p.code().equals("not_sequenced")) {
        return Optional.empty();
      }
      throw p;
    }
    JsonNode inner = r.has("receipt") ? r.get("receipt") : r;
    Receipt receipt = Parse.receipt(inner);
    if (receipt == null) {
      return Optional.empty();
    }
    return Optional.of(receipt);
  }

  private byte[] note(HttpRequest r) throws IOException {
    byte[] body = http.bytes(r);
    if (body.length > MAX_NOTE) {
      throw new IOException(
          "unexpected answer from the server: a checkpoint of " + body.length + " bytes");
    }
    return body;
  }

  private String text(HttpRequest r, String what) throws IOException {
    byte[] body = http.bytes(r);
    if (body.length > MAX_NOTE) {
      throw new IOException("unexpected answer from the server: " + what + " is too long");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException("unexpected answer from the server: " + what + " is not UTF-8", e);
    }
  }

  private static void expect(JsonNode r, String field, long expected) throws IOException {
    if (r.has(field) && Parse.count(r, field) != expected) {
      throw new IOException(
          "unexpected answer from the server: \""
              + field
              + "\" is "
              + r.get(field)
              + ", asked for "
              + expected);
    }
  }

  private static long nonNegative(long n, String what) {
    if (n < 0) {
      throw new IllegalArgumentException(what + " must not be negative: " + n);
    }
    return n;
  }

  private HttpRequest get(String path) {
    return http.request(path, Map.of()).GET().build();
  }
}
