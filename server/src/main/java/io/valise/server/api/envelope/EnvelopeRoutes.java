package io.valise.server.api.envelope;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.auth.TokenScope;
import io.valise.core.blob.BlobStore;
import io.valise.core.envelope.Envelope;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.id.AccountId;
import io.valise.core.tx.Transactions;
import io.valise.server.api.directory.NameResolver;
import io.valise.server.audit.Audit;
import io.valise.server.audit.Receipts;
import io.valise.server.envelope.EnvelopePolicy;
import io.valise.server.envelope.Intake;
import io.valise.server.health.Metrics;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * Envelopes over HTTP: upload, metadata, download (streamed, with ranges, download reserved before
 * the first byte), inbox and outbox. Someone who is neither sender nor recipient gets 404, as if
 * the envelope did not exist.
 */
public final class EnvelopeRoutes {
  private final EnvelopeJson json;
  private final EnvelopeRepository envelopes;
  private final BlobStore blobs;
  private final Clock clock;
  private final Metrics metrics;
  private final Upload upload;
  private final Receipts receipts;
  private final Audit audit;
  private final Transactions transactions;

  public EnvelopeRoutes(
      NameResolver names,
      EnvelopeJson json,
      EnvelopeRepository envelopes,
      Transactions transactions,
      BlobStore blobs,
      EnvelopePolicy policy,
      Clock clock,
      SecureRandom random,
      Metrics metrics,
      Audit audit,
      Receipts receipts) {
    this.audit = audit;
    this.transactions = transactions;
    this.json = json;
    this.envelopes = envelopes;
    this.blobs = blobs;
    this.clock = clock;
    this.metrics = metrics;
    this.receipts = receipts;
    this.upload =
        new Upload(
            names, new Intake(envelopes, transactions, blobs, policy, clock, random, audit), audit);
  }

  public List<Route> routes() {
    return List.of(
        new Route("POST", "/api/envelopes", Access.AUTHENTICATED, TokenScope.SEND, this::create),
        new Route(
            "GET", "/api/envelopes/{id}", Access.AUTHENTICATED, TokenScope.RECEIVE, this::describe),
        new Route(
            "GET",
            "/api/envelopes/{id}/file",
            Access.AUTHENTICATED,
            TokenScope.RECEIVE,
            this::download),
        new Route(
            "GET",
            "/api/envelopes/{id}/header",
            Access.AUTHENTICATED,
            TokenScope.RECEIVE,
            this::header),
        new Route(
            "DELETE", "/api/envelopes/{id}", Access.AUTHENTICATED, TokenScope.SEND, this::withdraw),
        new Route(
            "GET", "/api/inbox", Access.AUTHENTICATED, TokenScope.RECEIVE, ex -> list(ex, true)),
        new Route(
            "GET", "/api/outbox", Access.AUTHENTICATED, TokenScope.SEND, ex -> list(ex, false)));
  }

  private void create(Exchange ex) throws IOException, InterruptedException {
    Intake.Stored stored;
    try {
      stored = upload.store(ex);
    } catch (RuntimeException | IOException failure) {
      metrics.uploadRefused();
      throw failure;
    }
    metrics.upload();
    Envelope e = stored.envelope();
    ObjectNode out = json.describe(e, e.sender());
    out.set("receipt", receipts.await(stored.auditEntry()).orElse(null));
    ex.json(201, out);
  }

  private void describe(Exchange ex) throws IOException {
    ex.json(200, json.describe(EnvelopeLookup.visible(envelopes, ex), ex.principal().account()));
  }

  private void download(Exchange ex) throws IOException {
    Envelope e = EnvelopeLookup.visible(envelopes, ex);
    byte[] header = e.header().toByteArray();
    long total = Math.addExact(header.length, e.payloadLength());
    ByteRange range = ByteRange.parse(ex.header("Range"), total);
    transactions.inTransaction(
        () -> {
          if (!envelopes.reserveDownload(e.id(), clock.instant())) {
            throw new ApiException.Gone(
                "unavailable", "The envelope has expired or has no downloads left");
          }
          return audit.append(
              audit
                  .event(ex, "envelope.download")
                  .put("envelope", e.id().text())
                  .put("range", ByteRange.audited(range)));
        });
    metrics.download();
    FileStream.send(ex, blobs, header, e.payload(), total, range);
  }

  /** The age header alone, for re-wrapping or sharing; not a download, so nothing is counted. */
  private void header(Exchange ex) throws IOException {
    Envelope e = EnvelopeLookup.available(EnvelopeLookup.visible(envelopes, ex), clock.instant());
    var unused = audit.append(audit.event(ex, "envelope.header").put("envelope", e.id().text()));
    ex.send(200, "application/octet-stream", e.header().toByteArray());
  }

  /** Withdrawn by the sender: the row (with recipients and links) first, then the payload. */
  private void withdraw(Exchange ex) throws IOException {
    Envelope e = EnvelopeLookup.sent(envelopes, ex);
    transactions.inTransaction(
        () -> {
          if (!envelopes.delete(e.id())) {
            throw new ApiException.NotFound("No such envelope");
          }
          return audit.append(audit.event(ex, "envelope.withdraw").put("envelope", e.id().text()));
        });
    var unused = blobs.delete(e.payload()); // false: already gone, which is the aim
    metrics.purged(1);
    ex.noContent();
  }

  private void list(Exchange ex, boolean inbox) throws IOException {
    AccountId me = ex.principal().account();
    List<Envelope> found =
        inbox ? envelopes.inbox(me, clock.instant()) : envelopes.outbox(me, clock.instant());
    ArrayNode items = Json.object().arrayNode();
    for (Envelope e : found) {
      items.add(json.describe(e, me));
    }
    ObjectNode out = Json.object();
    out.set("envelopes", items);
    ex.json(200, out);
  }
}
