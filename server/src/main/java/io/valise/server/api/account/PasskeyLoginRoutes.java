package io.valise.server.api.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.audit.AuditEvent;
import io.valise.core.auth.BanDecision;
import io.valise.core.auth.BruteForceSubject;
import io.valise.core.auth.Offence;
import io.valise.core.auth.SessionRepository;
import io.valise.core.auth.Sessions;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.passkey.ChallengePurpose;
import io.valise.core.passkey.Passkey;
import io.valise.core.passkey.PasskeyRepository;
import io.valise.core.passkey.WebAuthnChallenge;
import io.valise.core.tx.Transactions;
import io.valise.server.api.passkey.Ceremonies;
import io.valise.server.api.passkey.Challenges;
import io.valise.server.api.passkey.CredentialJson;
import io.valise.server.api.passkey.PasskeyOptions;
import io.valise.server.api.passkey.PasskeyRefused;
import io.valise.server.audit.Audit;
import io.valise.server.health.Metrics;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/login/passkey/options} and {@code POST /api/login/passkey}: signing in with a
 * discoverable passkey. A passkey whose authenticator verified the user (PIN or biometrics) is
 * something the user has and something they are or know, so it counts as both factors and no TOTP
 * is asked. Failures count in the brute-force defence like wrong passwords: against the source
 * address, and against the account once the credential names one. The answer is that of {@code POST
 * /api/login}.
 */
public final class PasskeyLoginRoutes {
  /** The one answer to an unknown passkey and to a disabled account's, so neither is told apart. */
  private static final String NO_ACCOUNT = "This passkey is not registered to an active account";

  private final AccountRepository accounts;
  private final PasskeyRepository passkeys;
  private final Challenges challenges;
  private final Ceremonies ceremonies;
  private final BruteForceGuard guard;
  private final Metrics metrics;
  private final Audit audit;
  private final Transactions transactions;
  private final SignIn signIn;
  private final Clock clock;

  public PasskeyLoginRoutes(
      AccountRepository accounts,
      PasskeyRepository passkeys,
      Challenges challenges,
      Ceremonies ceremonies,
      Sessions sessions,
      SessionRepository stored,
      BruteForceGuard guard,
      Metrics metrics,
      Audit audit,
      Transactions transactions,
      Clock clock) {
    this.accounts = accounts;
    this.passkeys = passkeys;
    this.challenges = challenges;
    this.ceremonies = ceremonies;
    this.guard = guard;
    this.metrics = metrics;
    this.audit = audit;
    this.transactions = transactions;
    this.signIn = new SignIn(sessions, stored, guard, audit, transactions);
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(
        new Route("POST", "/api/login/passkey/options", Access.PUBLIC, this::options),
        new Route("POST", "/api/login/passkey", Access.PUBLIC, this::login));
  }

  private void options(Exchange ex) throws Exception {
    // A banned address gets no challenge either: it could not use it.
    guard.requireNotBanned(List.of(BruteForceSubject.Source.of(ex.remote())));
    WebAuthnChallenge c = challenges.issue(ChallengePurpose.AUTHENTICATION, null);
    ex.responseHeader("Cache-Control", "no-store");
    ex.json(200, PasskeyOptions.request(ceremonies.relyingParty(), c));
  }

  /** The passkey and its account, once the credential id names them. */
  private record Claimed(Passkey passkey, @Nullable Account account) {}

  private void login(Exchange ex) throws Exception {
    ObjectNode body = ex.jsonBody(Set.of("challengeId", "credential", "cookie"));
    JsonNode cookieField = body.get("cookie");
    if (cookieField != null && !cookieField.isNull() && !cookieField.isBoolean()) {
      throw new ApiException.BadRequest("bad_json", "Field [cookie] must be true or false");
    }
    boolean cookie = cookieField != null && cookieField.booleanValue();
    if (cookie) {
      BrowserSession.requireSameOrigin(ex);
    }
    String challengeId = Json.string(body, "challengeId");
    JsonNode credential = body.get("credential");
    if (credential == null || credential.isNull()) {
      throw new ApiException.BadRequest("bad_json", "Field [credential] is required");
    }

    Claimed claimed = claimed(credential);
    List<BruteForceSubject> subjects = new ArrayList<>();
    subjects.add(BruteForceSubject.Source.of(ex.remote()));
    Account named = claimed == null ? null : claimed.account();
    if (named != null) {
      subjects.add(new BruteForceSubject.Account(named.id().text()));
    }
    BanDecision banned = guard.banned(subjects);
    if (banned.banned()) {
      // Refused before the challenge is consumed or anything is checked.
      var unused = audit.append(failure(ex, claimed, "banned"));
      guard.refuseIfBanned(banned);
    }

    Account account;
    Passkey passkey;
    Ceremonies.Asserted asserted;
    try {
      CredentialJson.Assertion answer = CredentialJson.assertion(credential);
      WebAuthnChallenge c = challenges.take(challengeId, ChallengePurpose.AUTHENTICATION, null);
      if (claimed == null) {
        throw new PasskeyRefused("unknown_passkey", NO_ACCOUNT);
      }
      passkey = claimed.passkey();
      Account owner = claimed.account();
      // A disabled account and an unknown passkey get the same answer.
      if (owner == null || !owner.active()) {
        throw new PasskeyRefused("account_disabled", NO_ACCOUNT);
      }
      account = owner;
      OpaqueBytes handle = answer.userHandle();
      if (handle != null
          && !MessageDigest.isEqual(
              handle.toByteArray(), PasskeyOptions.userHandle(account.id()))) {
        throw new PasskeyRefused(
            "user_handle", "The answer's userHandle is not the one this passkey was made for");
      }
      asserted = ceremonies.authenticate(answer, c, passkey);
      if (!passkeys.recordUse(
          passkey.id(),
          asserted.signCount(),
          asserted.backupState(),
          clock.instant().truncatedTo(ChronoUnit.MILLIS))) {
        // Another sign-in with this passkey moved the counter to or past this one meanwhile.
        throw new PasskeyRefused(
            "counter",
            "The authenticator's signature counter did not move forward: the passkey may have been"
                + " cloned");
      }
    } catch (PasskeyRefused e) {
      fail(ex, claimed, subjects, e.reason());
      throw new ApiException.Unauthorized("bad_passkey", String.valueOf(e.getMessage()));
    }
    succeed(ex, account, passkey, cookie);
  }

  /** Looks the credential id up, before anything is checked, so failures count against it. */
  private @Nullable Claimed claimed(JsonNode credential) {
    byte[] rawId = CredentialJson.rawIdOrNull(credential);
    if (rawId == null) {
      return null;
    }
    Optional<Passkey> p = passkeys.byCredentialId(OpaqueBytes.of(rawId));
    return p.map(k -> new Claimed(k, accounts.find(k.account()).orElse(null))).orElse(null);
  }

  private void succeed(Exchange ex, Account account, Passkey passkey, boolean cookie)
      throws Exception {
    signIn.start(ex, account, "passkey", passkey.id().text(), cookie);
  }

  /**
   * Scores a failed sign-in and records its {@code login.failure} (and any {@code ban} it starts)
   * in one transaction, then refuses with 429 if it started a ban.
   */
  private void fail(
      Exchange ex, @Nullable Claimed claimed, List<BruteForceSubject> subjects, String reason) {
    metrics.loginFailure();
    Account named = claimed == null ? null : claimed.account();
    BanDecision d =
        transactions.inTransaction(
            () -> {
              BanDecision after =
                  guard.record(
                      subjects,
                      Offence.FAILED_LOGIN,
                      type -> audit.event(ex, type).put("via", "session"),
                      named == null ? null : named.name());
              var unused = audit.append(failure(ex, claimed, reason));
              return after;
            });
    guard.refuseIfBanned(d);
  }

  /**
   * A {@code login.failure} of a passkey: the account and passkey when the credential names one.
   */
  private AuditEvent.Builder failure(Exchange ex, @Nullable Claimed claimed, String reason) {
    AuditEvent.Builder e =
        audit
            .event(ex, "login.failure")
            .put("via", "session")
            .put("method", "passkey")
            .put("reason", reason);
    if (claimed != null) {
      Account a = claimed.account();
      e.put("passkey", claimed.passkey().id().text());
      if (a != null) {
        e.put("name", a.name());
      }
    }
    return e;
  }
}
