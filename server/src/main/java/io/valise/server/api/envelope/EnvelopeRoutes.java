package io.valise.server.api.envelope;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.auth.TokenScope;
import io.valise.core.blob.BlobStore;
import io.valise.core.envelope.Envelope;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.id.AccountId;
import io.valise.core.id.EnvelopeId;
import io.valise.core.tx.Transactions;
import io.valise.server.health.Metrics;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * Envelopes over HTTP: upload, metadata, download (streamed, with ranges, download reserved before
 * the first byte), inbox and outbox. Someone who is neither sender nor recipient gets 404, as if
 * the envelope did not exist.
 */
public final class EnvelopeRoutes {
  private final AccountRepository accounts;
  private final EnvelopeRepository envelopes;
  private final BlobStore blobs;
  private final Clock clock;
  private final Metrics metrics;
  private final Upload upload;

  public EnvelopeRoutes(
      AccountRepository accounts,
      EnvelopeRepository envelopes,
      Transactions transactions,
      BlobStore blobs,
      EnvelopePolicy policy,
      Clock clock,
      SecureRandom random,
      Metrics metrics) {
    this.accounts = accounts;
    this.envelopes = envelopes;
    this.blobs = blobs;
    this.clock = clock;
    this.metrics = metrics;
    this.upload = new Upload(accounts, envelopes, transactions, blobs, policy, clock, random);
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
            "GET", "/api/inbox", Access.AUTHENTICATED, TokenScope.RECEIVE, ex -> list(ex, true)),
        new Route(
            "GET", "/api/outbox", Access.AUTHENTICATED, TokenScope.SEND, ex -> list(ex, false)));
  }

  private void create(Exchange ex) throws IOException {
    Envelope e;
    try {
      e = upload.store(ex);
    } catch (RuntimeException | IOException failure) {
      metrics.uploadRefused();
      throw failure;
    }
    metrics.upload();
    ex.json(201, describe(e));
  }

  private Envelope visible(Exchange ex) {
    EnvelopeId id;
    try {
      id = EnvelopeId.parse(ex.param("id"));
    } catch (IllegalArgumentException e) {
      throw new ApiException.NotFound("No such envelope");
    }
    return envelopes
        .findVisibleTo(id, ex.principal().account())
        .orElseThrow(() -> new ApiException.NotFound("No such envelope"));
  }

  private void describe(Exchange ex) throws IOException {
    ex.json(200, describe(visible(ex)));
  }

  private void download(Exchange ex) throws IOException {
    Envelope e = visible(ex);
    byte[] header = e.header().toByteArray();
    long total = Math.addExact(header.length, e.payloadLength());
    ByteRange range = ByteRange.parse(ex.header("Range"), total);
    if (!envelopes.reserveDownload(e.id(), clock.instant())) {
      throw new ApiException.Gone(
          "unavailable", "The envelope has expired or has no downloads left");
    }
    metrics.download();
    long offset = range == null ? 0 : range.offset();
    long length = range == null ? total : range.length();
    ex.responseHeader("Accept-Ranges", "bytes");
    if (range != null) {
      ex.responseHeader(
          "Content-Range", "bytes %d-%d/%d".formatted(offset, offset + length - 1, total));
    }
    long end = offset + length;
    ByteBuffer head = ByteBuffer.wrap(header);
    head.position((int) Math.min(offset, header.length)).limit((int) Math.min(end, header.length));
    long payloadFrom = Math.max(offset, header.length) - header.length;
    long payloadLength = Math.max(0, end - header.length - payloadFrom);
    try (ReadableByteChannel payload = blobs.openChannel(e.payload(), payloadFrom, payloadLength)) {
      ex.stream(range == null ? 200 : 206, "application/octet-stream", length, head, payload);
    }
  }

  private void list(Exchange ex, boolean inbox) throws IOException {
    AccountId me = ex.principal().account();
    List<Envelope> found =
        inbox ? envelopes.inbox(me, clock.instant()) : envelopes.outbox(me, clock.instant());
    ArrayNode items = Json.object().arrayNode();
    for (Envelope e : found) {
      items.add(describe(e));
    }
    ObjectNode out = Json.object();
    out.set("envelopes", items);
    ex.json(200, out);
  }

  private ObjectNode describe(Envelope e) {
    ObjectNode o = Json.object();
    o.put("id", e.id().text());
    o.put("sender", name(e.sender()));
    ArrayNode to = o.putArray("recipients");
    e.recipients().forEach(r -> to.add(name(r)));
    o.put("createdAt", e.createdAt().toString());
    o.put("expiresAt", e.expiresAt().toString());
    if (e.maxDownloads() == null) {
      o.putNull("maxDownloads");
    } else {
      o.put("maxDownloads", e.maxDownloads());
    }
    o.put("downloads", e.downloads());
    o.put("size", e.header().length() + e.payloadLength());
    o.put("metadata", Base64.getEncoder().encodeToString(e.metadata().toByteArray()));
    return o;
  }

  private String name(AccountId id) {
    return accounts.find(id).map(Account::name).orElse(id.text());
  }
}
