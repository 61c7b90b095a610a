package io.valise.server.api.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.age.Header;
import io.valise.age.HeaderException;
import io.valise.age.Stanza;
import io.valise.age.secret.Passphrase;
import io.valise.core.auth.PasswordHasher;
import io.valise.core.auth.TokenScope;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.envelope.Envelope;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.id.ShareId;
import io.valise.core.share.ShareLink;
import io.valise.core.share.ShareRepository;
import io.valise.core.tx.Transactions;
import io.valise.server.api.envelope.Durations;
import io.valise.server.api.envelope.EnvelopeLookup;
import io.valise.server.audit.Audit;
import io.valise.server.envelope.EnvelopePolicy;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Share links as accounts manage them: create (sender or recipient), list (sender), revoke (sender
 * or the link's creator). The link's identity stays with the client: the server stores only the
 * one-stanza header the client wrapped to it, and an argon2id hash of the optional password.
 */
public final class ShareRoutes {
  static final int MAX_PASSWORD_BYTES = PasswordHasher.MAX_PASSWORD_BYTES;

  private final EnvelopeRepository envelopes;
  private final ShareRepository shares;
  private final PasswordHasher passwords;
  private final EnvelopePolicy policy;
  private final Clock clock;
  private final SecureRandom random;
  private final Audit audit;
  private final Transactions transactions;

  public ShareRoutes(
      EnvelopeRepository envelopes,
      ShareRepository shares,
      PasswordHasher passwords,
      EnvelopePolicy policy,
      Clock clock,
      SecureRandom random,
      Audit audit,
      Transactions transactions) {
    this.audit = audit;
    this.transactions = transactions;
    this.envelopes = envelopes;
    this.shares = shares;
    this.passwords = passwords;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
  }

  public List<Route> routes() {
    return List.of(
        new Route(
            "POST",
            "/api/envelopes/{id}/links",
            Access.AUTHENTICATED,
            TokenScope.SEND,
            this::create),
        new Route(
            "GET", "/api/envelopes/{id}/links", Access.AUTHENTICATED, TokenScope.SEND, this::list),
        new Route(
            "DELETE",
            "/api/envelopes/{id}/links/{linkId}",
            Access.AUTHENTICATED,
            TokenScope.SEND,
            this::revoke));
  }

  private void create(Exchange ex) throws IOException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Envelope e = EnvelopeLookup.available(EnvelopeLookup.visible(envelopes, ex), now);
    ObjectNode body = ex.jsonBody(Set.of("header", "expires", "maxDownloads", "password"));
    OpaqueBytes header = linkHeader(Json.string(body, "header"));
    String asked = Json.optionalString(body, "expires");
    Instant expiresAt = now.plus(expiry(asked));
    if (asked == null && expiresAt.isAfter(e.expiresAt())) {
      expiresAt = e.expiresAt(); // the default never outlives the envelope; an explicit ask may not
    }
    if (expiresAt.isAfter(e.expiresAt())) {
      throw new ApiException.BadRequest(
          "bad_expiry",
          "The link would expire at %s, after its envelope, which expires at %s"
              .formatted(expiresAt, e.expiresAt()));
    }
    Integer max = maxDownloads(body.get("maxDownloads"));
    String password = Json.optionalString(body, "password");
    String hash = password == null ? null : hash(password);
    ShareLink link =
        ShareLink.create(
            ShareId.random(random),
            e.id(),
            header,
            ex.principal().account(),
            now,
            expiresAt,
            max,
            hash);
    transactions.inTransaction(
        () -> {
          shares.create(link);
          return audit.append(
              audit
                  .event(ex, "link.create")
                  .put("envelope", e.id().text())
                  .put("link", link.id().text())
                  .put("expiresAt", link.expiresAt())
                  .put("maxDownloads", max == null ? null : Long.valueOf(max))
                  .put("password", hash != null));
        });
    ex.json(201, LinkJson.describe(link));
  }

  private void list(Exchange ex) throws IOException {
    Envelope e = EnvelopeLookup.sent(envelopes, ex);
    ArrayNode links = Json.object().arrayNode();
    shares.forEnvelope(e.id()).forEach(l -> links.add(LinkJson.describe(l)));
    ObjectNode out = Json.object();
    out.set("links", links);
    ex.json(200, out);
  }

  private void revoke(Exchange ex) {
    Envelope e = EnvelopeLookup.visible(envelopes, ex);
    ShareLink link =
        parse(ex.param("linkId"))
            .flatMap(shares::find)
            .filter(l -> l.envelope().equals(e.id()))
            .filter(
                l ->
                    e.sender().equals(ex.principal().account())
                        || l.createdBy().equals(ex.principal().account()))
            .orElseThrow(() -> new ApiException.NotFound("No such link"));
    transactions.inTransaction(
        () -> {
          if (shares.revoke(link.id(), clock.instant())) { // false: already revoked, no change
            var unused =
                audit.append(
                    audit
                        .event(ex, "link.revoke")
                        .put("envelope", e.id().text())
                        .put("link", link.id().text()));
          }
          return Boolean.TRUE;
        });
    ex.noContent();
  }

  static java.util.Optional<ShareId> parse(String text) {
    try {
      return java.util.Optional.of(ShareId.parse(text));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  /** A base64 age header holding exactly one X25519 stanza, and nothing after it. */
  private static OpaqueBytes linkHeader(String base64) throws IOException {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new ApiException.BadRequest("bad_link_header", "\"header\" must be base64");
    }
    InputStream in = new BufferedInputStream(new ByteArrayInputStream(raw));
    Header h = Header.parse(in);
    if (in.read() != -1) {
      throw new HeaderException("bytes follow the header; send the header alone");
    }
    List<Stanza> stanzas = h.stanzas();
    if (stanzas.size() != 1 || !stanzas.getFirst().type().equals("X25519")) {
      throw new ApiException.BadRequest(
          "bad_link_header",
          "A link header holds exactly one X25519 stanza (the link's own identity), not "
              + stanzas.size()
              + " stanza(s)"
              + (stanzas.isEmpty() ? "" : " of type " + stanzas.getFirst().type()));
    }
    return OpaqueBytes.of(h.encode());
  }

  private Duration expiry(@Nullable String text) {
    if (text == null) {
      return policy.defaultExpiry();
    }
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ApiException.BadRequest("bad_expiry", e.getMessage() + "");
    }
    if (d.compareTo(policy.maxExpiry()) > 0) {
      throw new ApiException.BadRequest(
          "expiry_too_long", "Expiry is at most " + policy.maxExpiry().toDays() + " days");
    }
    return d;
  }

  private static @Nullable Integer maxDownloads(@Nullable JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber()
        || !v.canConvertToInt()
        || v.intValue() < 1
        || v.intValue() > 999_999) {
      throw new ApiException.BadRequest(
          "bad_max_downloads", "maxDownloads must be a whole number from 1 to 999999");
    }
    return v.intValue();
  }

  private String hash(String password) {
    int bytes = password.getBytes(StandardCharsets.UTF_8).length;
    if (password.isEmpty() || bytes > MAX_PASSWORD_BYTES) {
      throw new ApiException.BadRequest(
          "bad_password",
          "A link password is 1 to " + MAX_PASSWORD_BYTES + " bytes; leave it out for none");
    }
    try (Passphrase p = Passphrase.of(password.toCharArray())) {
      return passwords.hash(p);
    }
  }
}
