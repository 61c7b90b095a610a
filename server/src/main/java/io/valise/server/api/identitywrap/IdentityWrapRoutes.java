package io.valise.server.api.identitywrap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.age.Header;
import io.valise.age.HeaderException;
import io.valise.age.PayloadException;
import io.valise.age.stream.Payload;
import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.audit.AuditEvent;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.IdentityWrapId;
import io.valise.core.id.PasskeyId;
import io.valise.core.identitywrap.IdentityWrap;
import io.valise.core.identitywrap.IdentityWrapKind;
import io.valise.core.identitywrap.IdentityWrapRepository;
import io.valise.core.keydir.KeyDirectory;
import io.valise.core.passkey.PasskeyRepository;
import io.valise.core.tx.Transactions;
import io.valise.core.tx.UnknownReferenceException;
import io.valise.server.audit.Audit;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/identity-wraps}: a signed-in account stores, lists and removes its encrypted age
 * identity. The server checks only what it can without a key: the bytes are a well-formed age file
 * (any stanza types, as a passkey's {@code fido2prf} stanza is not one the server knows), a passkey
 * wrap names one of the caller's passkeys, and the identity's recipient is one the account
 * published, so the page knows which of its keys a wrap opens. Session only: the wraps are what a
 * browser signs in to its keys with.
 */
public final class IdentityWrapRoutes {
  /** The most wraps one account may keep. */
  public static final int MAX_WRAPS = 20;

  private final AccountRepository accounts;
  private final IdentityWrapRepository wraps;
  private final PasskeyRepository passkeys;
  private final KeyDirectory keys;
  private final Transactions transactions;
  private final Audit audit;
  private final Clock clock;
  private final SecureRandom random;

  public IdentityWrapRoutes(
      AccountRepository accounts,
      IdentityWrapRepository wraps,
      PasskeyRepository passkeys,
      KeyDirectory keys,
      Transactions transactions,
      Audit audit,
      Clock clock,
      SecureRandom random) {
    this.accounts = accounts;
    this.wraps = wraps;
    this.passkeys = passkeys;
    this.keys = keys;
    this.transactions = transactions;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  public List<Route> routes() {
    return List.of(
        new Route("GET", "/api/identity-wraps", Access.AUTHENTICATED, this::list),
        new Route("POST", "/api/identity-wraps", Access.AUTHENTICATED, this::add),
        new Route("DELETE", "/api/identity-wraps/{id}", Access.AUTHENTICATED, this::remove));
  }

  private void list(Exchange ex) throws Exception {
    ArrayNode out = Json.object().arrayNode();
    for (IdentityWrap w : wraps.of(ex.principal().account())) {
      out.add(describe(w));
    }
    ex.responseHeader("Cache-Control", "no-store");
    ex.json(200, Json.object().set("wraps", out));
  }

  private void add(Exchange ex) throws Exception {
    ObjectNode body = ex.jsonBody(Set.of("kind", "passkeyId", "recipient", "wrapped"));
    IdentityWrapKind kind =
        switch (Json.string(body, "kind")) {
          case "passkey" -> IdentityWrapKind.PASSKEY;
          case "passphrase" -> IdentityWrapKind.PASSPHRASE;
          default ->
              throw new ApiException.BadRequest(
                  "bad_kind", "Field [kind] must be \"passkey\" or \"passphrase\"");
        };
    String passkeyText = Json.optionalString(body, "passkeyId");
    String recipient = Json.string(body, "recipient");
    byte[] wrapped = ageFile(Json.string(body, "wrapped"));
    Account me =
        accounts
            .find(ex.principal().account())
            .orElseThrow(() -> new ApiException.NotFound("No such account"));
    PasskeyId passkey = passkey(me, kind, passkeyText);
    boolean published =
        keys.current(me.id()).stream().anyMatch(k -> k.recipient().equals(recipient));
    if (!published) {
      throw new ApiException.BadRequest(
          "key_not_published",
          "The recipient is not one of this account's published keys; publish it first"
              + " (POST /api/keys)");
    }
    IdentityWrap w =
        new IdentityWrap(
            IdentityWrapId.random(random),
            me.id(),
            kind,
            passkey,
            recipient,
            OpaqueBytes.of(wrapped),
            clock.instant().truncatedTo(ChronoUnit.MILLIS));
    try {
      transactions.inTransaction(
          () -> {
            // As for passkeys, a guard against runaway scripts rather than an exact quota.
            if (wraps.of(me.id()).size() >= MAX_WRAPS) {
              throw new ApiException.Conflict(
                  "too_many_wraps",
                  "The account [%s] has %d identity wraps, the most allowed; remove one first"
                      .formatted(me.name(), MAX_WRAPS));
            }
            wraps.add(w);
            return audit.append(fields(audit.event(ex, "identitywrap.add"), me, w));
          });
    } catch (UnknownReferenceException e) {
      // The passkey was removed between the check and the insert.
      throw new ApiException.BadRequest("bad_passkey", "passkeyId is not one of your passkeys");
    }
    ex.json(201, describe(w));
  }

  private void remove(Exchange ex) throws Exception {
    IdentityWrapId id;
    try {
      id = IdentityWrapId.parse(ex.param("id"));
    } catch (IllegalArgumentException e) {
      throw new ApiException.NotFound("No such identity wrap");
    }
    Account me =
        accounts
            .find(ex.principal().account())
            .orElseThrow(() -> new ApiException.NotFound("No such account"));
    boolean removed =
        transactions.inTransaction(
            () -> {
              IdentityWrap w =
                  wraps.of(me.id()).stream()
                      .filter(x -> x.id().equals(id))
                      .findFirst()
                      .orElse(null);
              if (w == null || !wraps.remove(me.id(), id)) {
                return false;
              }
              var unused = audit.append(fields(audit.event(ex, "identitywrap.remove"), me, w));
              return true;
            });
    // Another account's wrap answers as if it did not exist.
    if (!removed) {
      throw new ApiException.NotFound("No such identity wrap");
    }
    ex.noContent();
  }

  /**
   * The bytes of {@code base64}, if they are a well-formed age file of at most {@link
   * IdentityWrap#MAX_BYTES}: a header the age module parses, then a payload whose length age
   * allows.
   *
   * @throws ApiException.BadRequest ({@code not_age}) saying what is wrong
   */
  static byte[] ageFile(String base64) {
    if (base64.length() > (IdentityWrap.MAX_BYTES + 2) / 3 * 4) {
      throw notAge("it is larger than " + IdentityWrap.MAX_BYTES + " bytes");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw notAge("[wrapped] is not standard base64");
    }
    if (bytes.length == 0 || bytes.length > IdentityWrap.MAX_BYTES) {
      throw notAge("it is empty or larger than " + IdentityWrap.MAX_BYTES + " bytes");
    }
    try (InputStream in = new BufferedInputStream(new ByteArrayInputStream(bytes))) {
      Header.parse(in);
      Payload.plaintextLength(in.available());
    } catch (HeaderException | PayloadException e) {
      throw notAge(String.valueOf(e.getMessage()));
    } catch (IOException e) {
      throw notAge("it ends inside its header");
    }
    return bytes;
  }

  private static ApiException notAge(String why) {
    return new ApiException.BadRequest("not_age", "[wrapped] is not an age file: " + why);
  }

  /** The passkey a wrap is for: one of {@code me}'s exactly when {@code kind} is PASSKEY. */
  private @Nullable PasskeyId passkey(Account me, IdentityWrapKind kind, @Nullable String text) {
    if (kind == IdentityWrapKind.PASSPHRASE) {
      if (text != null) {
        throw new ApiException.BadRequest(
            "bad_passkey", "A passphrase wrap names no passkey: leave passkeyId out");
      }
      return null;
    }
    if (text == null) {
      throw new ApiException.BadRequest("bad_passkey", "A passkey wrap needs passkeyId");
    }
    PasskeyId id;
    try {
      id = PasskeyId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ApiException.BadRequest("bad_passkey", "passkeyId is not one of your passkeys");
    }
    if (passkeys.of(me.id()).stream().noneMatch(p -> p.id().equals(id))) {
      throw new ApiException.BadRequest("bad_passkey", "passkeyId is not one of your passkeys");
    }
    return id;
  }

  static ObjectNode describe(IdentityWrap w) {
    ObjectNode o = Json.object();
    o.put("id", w.id().text());
    o.put("kind", w.kind() == IdentityWrapKind.PASSKEY ? "passkey" : "passphrase");
    PasskeyId p = w.passkey();
    if (p == null) {
      o.putNull("passkeyId");
    } else {
      o.put("passkeyId", p.text());
    }
    o.put("recipient", w.recipient());
    o.put("createdAt", w.createdAt().toString());
    o.put("wrapped", Base64.getEncoder().encodeToString(w.wrapped().toByteArray()));
    return o;
  }

  private static AuditEvent.Builder fields(AuditEvent.Builder e, Account me, IdentityWrap w) {
    PasskeyId p = w.passkey();
    return e.put("account", me.id().text())
        .put("accountName", me.name())
        .put("wrap", w.id().text())
        .put("kind", w.kind() == IdentityWrapKind.PASSKEY ? "passkey" : "passphrase")
        .put("passkey", p == null ? null : p.text());
  }
}
