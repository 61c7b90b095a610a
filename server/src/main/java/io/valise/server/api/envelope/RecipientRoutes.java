package io.valise.server.api.envelope;

import io.valise.age.Header;
import io.valise.age.HeaderException;
import io.valise.age.Stanza;
import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.auth.TokenScope;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.envelope.Envelope;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.id.AccountId;
import io.valise.core.tx.Transactions;
import io.valise.server.api.directory.NameResolver;
import io.valise.server.audit.Audit;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Adding recipients by a re-wrapped header (the payload is never sent again) and removing one.
 *
 * <p>The new header is the client's {@code Header.rewrap} of the stored one: the server cannot
 * check its MAC (it has no file key), but it requires every stanza of the stored header to be in
 * the new one, byte for byte, so a re-wrap can only add. The header is replaced by a compare-and-
 * set on the stored bytes, so two re-wraps of the same header cannot both win.
 */
public final class RecipientRoutes {
  /** Far above a header for 100 post-quantum recipients (about 2 KiB each). */
  static final int MAX_HEADER_BYTES = 1 << 20;

  private final NameResolver names;
  private final AccountRepository accounts;
  private final EnvelopeRepository envelopes;
  private final Transactions transactions;
  private final EnvelopeJson json;
  private final Clock clock;
  private final Audit audit;

  public RecipientRoutes(
      NameResolver names,
      AccountRepository accounts,
      EnvelopeRepository envelopes,
      Transactions transactions,
      EnvelopeJson json,
      Clock clock,
      Audit audit) {
    this.audit = audit;
    this.names = names;
    this.accounts = accounts;
    this.envelopes = envelopes;
    this.transactions = transactions;
    this.json = json;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(
        new Route(
            "POST",
            "/api/envelopes/{id}/recipients",
            Access.AUTHENTICATED,
            TokenScope.SEND,
            this::add),
        new Route(
            "DELETE",
            "/api/envelopes/{id}/recipients/{account}",
            Access.AUTHENTICATED,
            TokenScope.SEND,
            this::remove));
  }

  private void add(Exchange ex) throws IOException {
    Envelope e = EnvelopeLookup.available(EnvelopeLookup.visible(envelopes, ex), clock.instant());
    List<AccountId> added = names.resolve(ex.query("to"));
    if (ex.contentLength() > MAX_HEADER_BYTES) {
      throw new ApiException.TooLarge("A header is at most " + MAX_HEADER_BYTES + " bytes");
    }
    byte[] body;
    try (InputStream in = ex.body()) {
      body = in.readNBytes(MAX_HEADER_BYTES + 1);
    }
    if (body.length > MAX_HEADER_BYTES) {
      throw new ApiException.TooLarge("A header is at most " + MAX_HEADER_BYTES + " bytes");
    }
    Header fresh = parseAlone(body);
    Header stored = Header.parse(new ByteArrayInputStream(e.header().toByteArray()));
    requireKept(stored.stanzas(), fresh.stanzas());
    List<AccountId> all = new ArrayList<>(e.recipients());
    for (AccountId a : added) {
      if (!all.contains(a)) {
        all.add(a);
      }
    }
    if (all.size() > NameResolver.MAX_RECIPIENTS) {
      throw new ApiException.BadRequest(
          "too_many_recipients", "At most " + NameResolver.MAX_RECIPIENTS + " recipients");
    }
    OpaqueBytes next = OpaqueBytes.of(fresh.encode());
    transactions.inTransaction(
        () -> {
          if (!envelopes.replaceHeader(e.id(), e.header(), next)) {
            throw new ApiException.Conflict(
                "header_changed",
                "The envelope's header changed since it was read; fetch it and re-wrap again");
          }
          List<String> newly = new ArrayList<>();
          for (AccountId a : added) {
            if (envelopes.addRecipient(e.id(), a)) { // false: already a recipient
              newly.add(a.text());
            }
          }
          return audit.append(
              audit
                  .event(ex, "envelope.rewrap")
                  .put("envelope", e.id().text())
                  .put("added", String.join(" ", newly))
                  .put("headerSha256", sha256(next.toByteArray())));
        });
    Envelope after = envelopes.find(e.id()).orElseThrow(() -> new ApiException.NotFound("Gone"));
    ex.json(200, json.describe(after, ex.principal().account()));
  }

  /**
   * The body as one age header and nothing else.
   *
   * @throws HeaderException (400 {@code not_age}) if it is not one
   */
  static Header parseAlone(byte[] body) throws IOException {
    InputStream in = new BufferedInputStream(new ByteArrayInputStream(body));
    Header h = Header.parse(in);
    if (in.read() != -1) {
      throw new HeaderException("bytes follow the header; send the header alone");
    }
    return h;
  }

  /** Every stanza of {@code stored} must be in {@code fresh}, unchanged (counted as a multiset). */
  private static void requireKept(List<Stanza> stored, List<Stanza> fresh) {
    List<Stanza> left = new ArrayList<>(fresh);
    for (int i = 0; i < stored.size(); i++) {
      Stanza s = stored.get(i);
      if (!left.remove(s)) {
        throw new ApiException.BadRequest(
            "header_mismatch",
            "Stanza %d of the stored header (type %s) is missing or changed in the new header;"
                    .formatted(i + 1, s.type())
                + " a re-wrap may only add stanzas");
      }
    }
  }

  private void remove(Exchange ex) throws IOException {
    Envelope e = EnvelopeLookup.sent(envelopes, ex);
    String name = ex.param("account");
    AccountId who =
        (name.matches("[a-z0-9._-]{1,64}")
                ? accounts.findByName(name)
                : java.util.Optional.<Account>empty())
            .map(Account::id)
            .filter(e.recipients()::contains)
            .orElseThrow(
                () ->
                    new ApiException.NotFound(
                        "[" + NameResolver.printable(name) + "] is not a recipient"));
    transactions.inTransaction(
        () -> {
          if (!envelopes.removeRecipient(e.id(), who)) {
            throw new ApiException.NotFound("[" + name + "] is not a recipient");
          }
          return audit.append(
              audit
                  .event(ex, "envelope.recipient.remove")
                  .put("envelope", e.id().text())
                  .put("account", who.text()));
        });
    Envelope after = envelopes.find(e.id()).orElseThrow(() -> new ApiException.NotFound("Gone"));
    ex.json(200, json.describe(after, ex.principal().account()));
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
