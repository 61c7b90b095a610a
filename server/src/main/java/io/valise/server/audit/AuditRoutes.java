package io.valise.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.AuditRepository.Indexed;
import io.valise.core.audit.AuditRepository.StoredCheckpoint;
import io.valise.core.auth.TokenScope;
import io.valise.core.id.EnvelopeId;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Principal;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The audit log over HTTP (docs/api.md, "Audit log"): the log key, checkpoints and proofs for
 * anyone, entries for administrators, an envelope's history for its sender and recipients, upload
 * receipts, and witnesses' cosignatures.
 */
public final class AuditRoutes {
  static final int MAX_ENTRIES = 1000;
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final java.time.Duration FIRST_CHECKPOINT_WAIT = java.time.Duration.ofSeconds(10);

  private final AuditRepository log;
  private final Receipts receipts;
  private final Sequencer sequencer;
  private final String verifierKey;
  private final Witnesses witnesses;

  public AuditRoutes(
      AuditRepository log,
      Receipts receipts,
      Sequencer sequencer,
      String verifierKey,
      Witnesses witnesses) {
    this.log = log;
    this.receipts = receipts;
    this.sequencer = sequencer;
    this.verifierKey = verifierKey;
    this.witnesses = witnesses;
  }

  public List<Route> routes() {
    return List.of(
        new Route("GET", "/api/audit/key", Access.PUBLIC, this::key),
        new Route("GET", "/api/audit/checkpoint", Access.PUBLIC, this::latest),
        new Route("GET", "/api/audit/checkpoints/{size}", Access.PUBLIC, this::bySize),
        new Route("GET", "/api/audit/proof/inclusion", Access.PUBLIC, this::inclusion),
        new Route("GET", "/api/audit/proof/consistency", Access.PUBLIC, this::consistency),
        new Route("GET", "/api/audit/entries", Access.ADMIN, TokenScope.ADMIN, this::entries),
        new Route(
            "GET",
            "/api/audit/envelopes/{id}",
            Access.AUTHENTICATED,
            TokenScope.RECEIVE,
            this::envelope),
        new Route(
            "GET",
            "/api/audit/receipts/{id}",
            Access.AUTHENTICATED,
            TokenScope.SEND,
            this::receipt),
        new Route("POST", "/api/audit/cosignatures", Access.PUBLIC, this::cosign));
  }

  private void key(Exchange ex) throws IOException {
    ex.send(200, TEXT, (verifierKey + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private void latest(Exchange ex) throws IOException {
    String witness = ex.query("witness");
    Optional<StoredCheckpoint> c;
    if (witness == null) {
      c = firstCheckpoint();
    } else {
      var size = log.latestCosigned(witness);
      c = size.isPresent() ? log.checkpoint(size.getAsLong()) : Optional.empty();
      if (c.isEmpty()) {
        throw new ApiException.NotFound(
            "not_witnessed", "Witness [" + Json.printable(witness) + "] cosigned no checkpoint");
      }
    }
    note(ex, c.orElseThrow(() -> new ApiException.NotFound("The log has no checkpoint yet")));
  }

  /**
   * The latest checkpoint; on a log that has none yet (a new installation whose first entries,
   * written at start, are not signed yet) it asks for a pass and waits a few seconds for it, so a
   * client that logs in right after the first start is not refused.
   */
  private Optional<StoredCheckpoint> firstCheckpoint() {
    Optional<StoredCheckpoint> c = log.latestCheckpoint();
    long deadline = System.nanoTime() + FIRST_CHECKPOINT_WAIT.toNanos();
    try {
      while (c.isEmpty() && System.nanoTime() < deadline) {
        long seen = sequencer.passes();
        sequencer.poke();
        sequencer.awaitPass(seen, 250);
        c = log.latestCheckpoint();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return c;
  }

  private void bySize(Exchange ex) throws IOException {
    long size = number(ex.param("size"), "size");
    note(
        ex,
        log.checkpoint(size)
            .orElseThrow(() -> new ApiException.NotFound("No checkpoint of size " + size)));
  }

  private void note(Exchange ex, StoredCheckpoint c) throws IOException {
    ex.send(200, TEXT, Receipts.withCosignatures(log, c).getBytes(StandardCharsets.UTF_8));
  }

  private void inclusion(Exchange ex) throws IOException {
    long index = number(ex.query("index"), "index");
    long size = number(ex.query("size"), "size");
    long latest = signedSize();
    if (index >= size || size > latest) {
      throw badRange(
          "index must be below size, and size at most the latest checkpoint's (%d)"
              .formatted(latest));
    }
    ObjectNode out = Json.object().put("index", index).put("size", size);
    out.set("proof", Receipts.hashes(sequencer.tree().inclusion(index, size)));
    ex.json(200, out);
  }

  private void consistency(Exchange ex) throws IOException {
    long from = number(ex.query("from"), "from");
    long to = number(ex.query("to"), "to");
    long latest = signedSize();
    if (from > to || to > latest) {
      throw badRange("need 0 <= from <= to <= the latest checkpoint's size (%d)".formatted(latest));
    }
    ObjectNode out = Json.object().put("from", from).put("to", to);
    out.set("proof", Receipts.hashes(sequencer.tree().consistency(from, to)));
    ex.json(200, out);
  }

  private long signedSize() {
    return log.latestCheckpoint().map(StoredCheckpoint::size).orElse(0L);
  }

  private void entries(Exchange ex) throws IOException {
    long start = number(ex.query("start"), "start");
    long end = number(ex.query("end"), "end");
    if (end < start) {
      throw badRange("end must not be below start");
    }
    long last = Math.min(end, Math.min(start + MAX_ENTRIES, signedSize()));
    ArrayNode items = Json.object().arrayNode();
    long expected = start;
    for (Indexed e : log.entries(start, Math.max(start, last))) {
      if (e.index() != expected) {
        // A gap: the store lost an entry. Stop here, so the client sees where.
        break;
      }
      items.add(Base64.getEncoder().encodeToString(e.entry().toByteArray()));
      expected++;
    }
    ObjectNode out = Json.object().put("start", start);
    out.set("entries", items);
    ex.json(200, out);
  }

  private void envelope(Exchange ex) throws IOException {
    String id = envelopeId(ex.param("id"));
    List<Indexed> history = log.about(id);
    Principal me = ex.principal();
    if (!me.admin() && !concerns(history, me.account().text())) {
      throw new ApiException.NotFound("No such envelope");
    }
    ArrayNode items = Json.object().arrayNode();
    for (Indexed e : history) {
      items.add(
          Json.object()
              .put("index", e.index())
              .put("entry", Base64.getEncoder().encodeToString(e.entry().toByteArray())));
    }
    ObjectNode out = Json.object().put("envelope", id).put("size", signedSize());
    out.set("entries", items);
    ex.json(200, out);
  }

  /** Whether {@code account} sent or received the envelope of this history. */
  private static boolean concerns(List<Indexed> history, String account) {
    for (Indexed e : history) {
      JsonNode entry = Json.readTrusted(e.entry().toByteArray());
      if (account.equals(text(entry, "sender"))
          || listed(text(entry, "recipients"), account)
          || listed(text(entry, "added"), account)) {
        return true;
      }
    }
    return false;
  }

  private static boolean listed(@Nullable String spaced, String account) {
    return spaced != null && Arrays.asList(spaced.split(" ")).contains(account);
  }

  private static @Nullable String text(JsonNode entry, String field) {
    JsonNode v = entry.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private void receipt(Exchange ex) throws Exception {
    String id = envelopeId(ex.param("id"));
    String me = ex.principal().account().text();
    Optional<ObjectNode> r =
        receipts.poll(() -> log.about(id).stream().filter(e -> isUploadBy(e, me)).findFirst());
    if (r.isEmpty()) {
      boolean mine = log.about(id).stream().anyMatch(e -> isUploadBy(e, me));
      throw mine
          ? new ApiException.NotFound(
              "not_sequenced", "The upload is not in a signed checkpoint yet; ask again")
          : new ApiException.NotFound("No such envelope");
    }
    ex.json(200, r.get());
  }

  private static boolean isUploadBy(Indexed e, String account) {
    JsonNode entry = Json.readTrusted(e.entry().toByteArray());
    return "envelope.upload".equals(text(entry, "type")) && account.equals(text(entry, "sender"));
  }

  private void cosign(Exchange ex) throws IOException {
    byte[] body = ex.body().readNBytes(Witnesses.MAX_NOTE + 1);
    if (body.length > Witnesses.MAX_NOTE) {
      throw new ApiException.TooLarge("A cosigned checkpoint is at most 16 KiB");
    }
    witnesses.accept(body);
    ex.noContent();
  }

  private static String envelopeId(String text) {
    try {
      return EnvelopeId.parse(text).text();
    } catch (IllegalArgumentException e) {
      throw new ApiException.NotFound("No such envelope");
    }
  }

  private static long number(@Nullable String text, String name) {
    if (text == null || !text.matches("[0-9]{1,18}")) {
      throw badRange(name + " must be a whole number from 0");
    }
    return Long.parseLong(text);
  }

  private static ApiException badRange(String message) {
    return new ApiException.BadRequest("bad_range", message);
  }
}
