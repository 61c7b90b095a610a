package io.valise.server.api.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.audit.AuditEvent;
import io.valise.core.id.PasskeyId;
import io.valise.core.identitywrap.IdentityWrap;
import io.valise.core.identitywrap.IdentityWrapRepository;
import io.valise.core.passkey.ChallengePurpose;
import io.valise.core.passkey.Passkey;
import io.valise.core.passkey.PasskeyRepository;
import io.valise.core.passkey.WebAuthnChallenge;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.Transactions;
import io.valise.server.audit.Audit;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/passkeys}: a signed-in account registers, lists and removes its passkeys. Session
 * only, as for SSH keys: a passkey is a login, which an API token may not mint. Removing a passkey
 * removes the identity wraps made for it in the same transaction.
 */
public final class PasskeyRoutes {
  /** The most passkeys one account may register. */
  public static final int MAX_PASSKEYS = 10;

  private final AccountRepository accounts;
  private final PasskeyRepository passkeys;
  private final IdentityWrapRepository wraps;
  private final Challenges challenges;
  private final Ceremonies ceremonies;
  private final Transactions transactions;
  private final Audit audit;
  private final Clock clock;
  private final SecureRandom random;

  public PasskeyRoutes(
      AccountRepository accounts,
      PasskeyRepository passkeys,
      IdentityWrapRepository wraps,
      Challenges challenges,
      Ceremonies ceremonies,
      Transactions transactions,
      Audit audit,
      Clock clock,
      SecureRandom random) {
    this.accounts = accounts;
    this.passkeys = passkeys;
    this.wraps = wraps;
    this.challenges = challenges;
    this.ceremonies = ceremonies;
    this.transactions = transactions;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  public List<Route> routes() {
    return List.of(
        new Route("POST", "/api/passkeys/register/options", Access.AUTHENTICATED, this::options),
        new Route("POST", "/api/passkeys", Access.AUTHENTICATED, this::register),
        new Route("GET", "/api/passkeys", Access.AUTHENTICATED, this::list),
        new Route("DELETE", "/api/passkeys/{id}", Access.AUTHENTICATED, this::remove));
  }

  private void options(Exchange ex) throws Exception {
    Account me = me(ex);
    List<Passkey> existing = passkeys.of(me.id());
    requireRoom(me, existing.size());
    WebAuthnChallenge c = challenges.issue(ChallengePurpose.REGISTRATION, me.id());
    ex.responseHeader("Cache-Control", "no-store");
    ex.json(200, PasskeyOptions.creation(ceremonies.relyingParty(), me, c, existing));
  }

  private void register(Exchange ex) throws Exception {
    ObjectNode body = ex.jsonBody(Set.of("challengeId", "name", "credential"));
    String challengeId = Json.string(body, "challengeId");
    String name = Json.string(body, "name").strip();
    JsonNode credential = body.get("credential");
    if (credential == null || credential.isNull()) {
      throw new ApiException.BadRequest("bad_json", "Field [credential] is required");
    }
    try {
      Passkey.checkName(name);
    } catch (IllegalArgumentException e) {
      throw new ApiException.BadRequest("bad_name", String.valueOf(e.getMessage()));
    }
    Account me = me(ex);
    CredentialJson.Registration answer;
    Ceremonies.Registered made;
    try {
      // The shape is checked before the challenge is consumed: a malformed request changes nothing.
      answer = CredentialJson.registration(credential);
      requireRoom(me, passkeys.of(me.id()).size());
      WebAuthnChallenge c = challenges.take(challengeId, ChallengePurpose.REGISTRATION, me.id());
      made = ceremonies.register(answer, c);
    } catch (PasskeyRefused e) {
      throw new ApiException.BadRequest("bad_passkey", String.valueOf(e.getMessage()));
    }
    if (passkeys.byCredentialId(made.credentialId()).isPresent()) {
      throw taken();
    }
    Passkey p =
        new Passkey(
            PasskeyId.random(random),
            me.id(),
            made.credentialId(),
            name,
            made.attestedCredential(),
            made.signCount(),
            made.backupEligible(),
            made.backupState(),
            answer.transports(),
            answer.prf(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            null);
    try {
      transactions.inTransaction(
          () -> {
            // Checked again in the adding transaction; concurrent adds may pass it together, so
            // the limit guards against runaway scripts rather than being an exact quota.
            requireRoom(me, passkeys.of(me.id()).size());
            passkeys.add(p);
            return audit.append(fields(audit.event(ex, "passkey.add"), me, p).put("prf", p.prf()));
          });
    } catch (ConflictException e) {
      // The store's unique credential id decides between two concurrent registrations.
      throw taken();
    }
    ex.json(201, PasskeyJson.describe(p));
  }

  private void list(Exchange ex) throws Exception {
    ArrayNode out = Json.object().arrayNode();
    for (Passkey p : passkeys.of(ex.principal().account())) {
      out.add(PasskeyJson.describe(p));
    }
    ObjectNode body = Json.object().put("rpId", ceremonies.relyingParty().id());
    body.set("passkeys", out);
    ex.json(200, body);
  }

  private void remove(Exchange ex) throws Exception {
    PasskeyId id;
    try {
      id = PasskeyId.parse(ex.param("id"));
    } catch (IllegalArgumentException e) {
      throw new ApiException.NotFound("No such passkey");
    }
    Account me = me(ex);
    boolean removed =
        transactions.inTransaction(
            () -> {
              Optional<Passkey> p =
                  passkeys.of(me.id()).stream().filter(k -> k.id().equals(id)).findFirst();
              if (p.isEmpty()) {
                return false;
              }
              List<IdentityWrap> wrapped = wraps.ofPasskey(id);
              for (IdentityWrap w : wrapped) {
                if (wraps.remove(me.id(), w.id())) {
                  var unused =
                      audit.append(
                          audit
                              .event(ex, "identitywrap.remove")
                              .put("account", me.id().text())
                              .put("accountName", me.name())
                              .put("wrap", w.id().text())
                              .put("kind", "passkey")
                              .put("passkey", id.text()));
                }
              }
              if (!passkeys.remove(me.id(), id)) {
                return false;
              }
              var unused =
                  audit.append(
                      fields(audit.event(ex, "passkey.remove"), me, p.get())
                          .put("wraps", wrapped.size()));
              return true;
            });
    // Another account's passkey answers as if it did not exist, so ids cannot be probed.
    if (!removed) {
      throw new ApiException.NotFound("No such passkey");
    }
    ex.noContent();
  }

  private static void requireRoom(Account account, int count) {
    if (count >= MAX_PASSKEYS) {
      throw new ApiException.Conflict(
          "too_many_passkeys",
          "The account [%s] has %d passkeys, the most allowed; remove one first"
              .formatted(account.name(), MAX_PASSKEYS));
    }
  }

  private static ApiException taken() {
    return new ApiException.Conflict(
        "passkey_taken", "This passkey is already registered to an account");
  }

  private Account me(Exchange ex) {
    return accounts
        .find(ex.principal().account())
        .orElseThrow(() -> new ApiException.NotFound("No such account"));
  }

  private static AuditEvent.Builder fields(AuditEvent.Builder e, Account account, Passkey p) {
    return e.put("account", account.id().text())
        .put("accountName", account.name())
        .put("passkey", p.id().text());
  }
}
