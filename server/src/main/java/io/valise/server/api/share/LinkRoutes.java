package io.valise.server.api.share;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.age.secret.Passphrase;
import io.valise.core.auth.BanDecision;
import io.valise.core.auth.BruteForceSubject;
import io.valise.core.auth.Offence;
import io.valise.core.auth.PasswordHasher;
import io.valise.core.blob.BlobStore;
import io.valise.core.envelope.Envelope;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.share.ShareLink;
import io.valise.core.share.ShareRepository;
import io.valise.core.tx.Transactions;
import io.valise.server.api.account.BruteForceGuard;
import io.valise.server.api.envelope.ByteRange;
import io.valise.server.api.envelope.FileStream;
import io.valise.server.audit.Audit;
import io.valise.server.health.Metrics;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The public side of share links: whoever holds {@code /s/<id>#<identity>} may read the link's
 * metadata and fetch the file (the link's own header, then the envelope's payload). The password,
 * when the link has one, comes in {@code Valise-Link-Password}; a wrong one is a {@code
 * BAD_SHARE_PASSWORD} offence against the link and the source, and a ban is checked before the
 * password is. A download reserves one use of the link and one download of the envelope in one
 * transaction: both or neither.
 */
public final class LinkRoutes {
  static final String PASSWORD_HEADER = "Valise-Link-Password";

  private final ShareRepository shares;
  private final EnvelopeRepository envelopes;
  private final Transactions transactions;
  private final BlobStore blobs;
  private final PasswordHasher passwords;
  private final BruteForceGuard guard;
  private final Clock clock;
  private final Metrics metrics;
  private final Audit audit;

  public LinkRoutes(
      ShareRepository shares,
      EnvelopeRepository envelopes,
      Transactions transactions,
      BlobStore blobs,
      PasswordHasher passwords,
      BruteForceGuard guard,
      Clock clock,
      Metrics metrics,
      Audit audit) {
    this.audit = audit;
    this.shares = shares;
    this.envelopes = envelopes;
    this.transactions = transactions;
    this.blobs = blobs;
    this.passwords = passwords;
    this.guard = guard;
    this.clock = clock;
    this.metrics = metrics;
  }

  public List<Route> routes() {
    return List.of(
        new Route("GET", "/api/links/{id}", Access.PUBLIC, this::describe),
        new Route("GET", "/api/links/{id}/file", Access.PUBLIC, this::download),
        new Route("GET", "/api/links/{id}/header", Access.PUBLIC, this::header));
  }

  /** A link and its envelope. */
  private record Opened(ShareLink link, Envelope envelope) {}

  /**
   * The link named by the path, once its password (if any) is right.
   *
   * @param checkAvailable whether to refuse here an unusable link or envelope; a download leaves
   *     that to its reservations, which decide atomically
   */
  private Opened open(Exchange ex, boolean checkAvailable) {
    ShareLink link =
        ShareRoutes.parse(ex.param("id"))
            .flatMap(shares::find)
            .orElseThrow(() -> new ApiException.NotFound("No such link"));
    checkPassword(ex, link);
    Instant now = clock.instant();
    Envelope e =
        envelopes
            .find(link.envelope())
            .filter(found -> !checkAvailable || (link.usableAt(now) && found.availableAt(now)))
            .orElse(null);
    if (e == null) {
      throw unavailable(ex, link);
    }
    return new Opened(link, e);
  }

  private void checkPassword(Exchange ex, ShareLink link) {
    String hash = link.passwordHash();
    if (hash == null) {
      return;
    }
    List<BruteForceSubject> subjects =
        List.of(
            new BruteForceSubject.ShareLink(link.id().text()),
            BruteForceSubject.Source.of(ex.remote()));
    BanDecision banned = guard.banned(subjects);
    if (banned.banned()) {
      failure(ex, link, "banned");
      guard.refuseIfBanned(banned);
    }
    String given = ex.header(PASSWORD_HEADER);
    if (given == null) {
      failure(ex, link, "password_required");
      throw new ApiException.Unauthorized(
          "link_password_required", "This link needs its password in " + PASSWORD_HEADER);
    }
    // HTTP carries header bytes; read them back as the UTF-8 the client sent.
    String utf8 = new String(given.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    boolean ok = false;
    if (!utf8.isEmpty()) {
      try (Passphrase p = Passphrase.of(utf8.toCharArray())) {
        ok = passwords.verify(p, hash); // over-long passwords never match
      }
    }
    if (!ok) {
      // The offence, any ban it starts and the failure's entry commit together.
      BanDecision after =
          transactions.inTransaction(
              () -> {
                BanDecision d =
                    guard.record(
                        subjects, Offence.BAD_SHARE_PASSWORD, type -> audit.event(ex, type), null);
                failure(ex, link, "bad_password");
                return d;
              });
      guard.refuseIfBanned(after);
      throw new ApiException.Unauthorized("bad_link_password", "Wrong link password");
    }
  }

  private void describe(Exchange ex) throws IOException {
    Opened o = open(ex, true);
    ObjectNode out = Json.object();
    out.put("id", o.link().id().text());
    out.put("expiresAt", o.link().expiresAt().toString());
    out.put("size", o.link().header().length() + o.envelope().payloadLength());
    out.put("passwordRequired", o.link().passwordHash() != null);
    Integer left = downloadsLeft(o.link(), o.envelope());
    if (left == null) {
      out.putNull("downloadsLeft");
    } else {
      out.put("downloadsLeft", left.intValue());
    }
    out.put("metadata", Base64.getEncoder().encodeToString(o.envelope().metadata().toByteArray()));
    ex.json(200, out);
  }

  /**
   * How many more times the link can be opened: the fewer of the link's uses and the envelope's
   * downloads left (each link download takes one of each); null when neither has a limit.
   */
  static @Nullable Integer downloadsLeft(ShareLink link, Envelope envelope) {
    Integer fromLink = left(link.maxDownloads(), link.downloads());
    Integer fromEnvelope = left(envelope.maxDownloads(), envelope.downloads());
    if (fromLink == null) {
      return fromEnvelope;
    }
    return fromEnvelope == null ? fromLink : Integer.valueOf(Math.min(fromLink, fromEnvelope));
  }

  private static @Nullable Integer left(@Nullable Integer max, int used) {
    return max == null ? null : Integer.valueOf(Math.max(0, max - used));
  }

  private void download(Exchange ex) throws IOException {
    Opened o = open(ex, false);
    byte[] header = o.link().header().toByteArray();
    long total = Math.addExact(header.length, o.envelope().payloadLength());
    ByteRange range = ByteRange.parse(ex.header("Range"), total);
    Instant now = clock.instant();
    boolean reserved;
    try {
      reserved =
          transactions.inTransaction(
              () -> {
                if (!shares.reserveUse(o.link().id(), now)
                    || !envelopes.reserveDownload(o.envelope().id(), now)) {
                  // Thrown inside the transaction, the refusal rolls back a use already reserved.
                  throw new Refused();
                }
                var unused =
                    audit.append(
                        audit
                            .event(ex, "envelope.download")
                            .put("envelope", o.envelope().id().text())
                            .put("range", ByteRange.audited(range))
                            .put("link", o.link().id().text()));
                return Boolean.TRUE;
              });
    } catch (Refused r) {
      reserved = false;
    }
    if (!reserved) {
      throw unavailable(ex, o.link());
    }
    metrics.download();
    FileStream.send(ex, blobs, header, o.envelope().payload(), total, range);
  }

  /** The reservation found the link or its envelope used up; nothing was written. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused() {
      super("the link or its envelope is used up", null, false, false);
    }
  }

  /** Appends a {@code link.failure} in its own transaction (or the caller's). */
  private void failure(Exchange ex, ShareLink link, String reason) {
    var unused =
        audit.append(
            audit.event(ex, "link.failure").put("link", link.id().text()).put("reason", reason));
  }

  /** Records the refusal of an unusable link and gives the 410 to throw. */
  private ApiException unavailable(Exchange ex, ShareLink link) {
    failure(ex, link, "unavailable");
    return new ApiException.Gone(
        "link_unavailable", "The link was revoked, has expired or is used up, or its file is gone");
  }

  /**
   * The link's age header alone, so a page can open the file's sealed name before downloading; not
   * a download, nothing is counted. Same password and availability checks as the description.
   */
  private void header(Exchange ex) throws IOException {
    Opened o = open(ex, true);
    ex.send(200, "application/octet-stream", o.link().header().toByteArray());
  }
}
