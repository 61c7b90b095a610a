package io.valise.server.api.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.auth.PasswordHasher;
import io.valise.core.auth.SessionRepository;
import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpEnrolmentRepository;
import io.valise.core.auth.TotpEnrolmentRepository.PendingTotp;
import io.valise.core.auth.TotpSecret;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.TotpEnrolmentId;
import io.valise.core.tx.Transactions;
import io.valise.server.audit.Audit;
import io.valise.server.config.TotpVault;
import io.valise.server.health.Metrics;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A person enrols and removes their own TOTP second factor, with a session only (an API token may
 * not change how its account signs in): {@code POST /api/me/totp} checks the password again and
 * makes a pending secret, shown once and kept sealed for ten minutes; {@code POST
 * /api/me/totp/confirm} makes it the account's factor once a first code verifies, and ends every
 * other session of the account; {@code DELETE /api/me/totp} removes the factor, after password and
 * code, unless the policy requires one.
 */
public final class TotpRoutes {
  /** How long a pending secret waits for its first code. */
  static final Duration ENROLMENT_TTL = Duration.ofMinutes(10);

  private final AccountRepository accounts;
  private final TotpEnrolmentRepository enrolments;
  private final Reauthentication reauth;
  private final SessionEnder sessions;
  private final Totp totp;
  private final TotpVault vault;
  private final boolean requireSecondFactor;
  private final Predicate<AccountId> hasOtherSecondFactor;
  private final Audit audit;
  private final Transactions transactions;
  private final Clock clock;
  private final SecureRandom random;

  /** What the routes check and change. */
  public record Stores(
      AccountRepository accounts,
      TotpEnrolmentRepository enrolments,
      SessionRepository sessions,
      PasswordHasher passwords,
      BruteForceGuard guard,
      Metrics metrics,
      Audit audit,
      Transactions transactions) {}

  /**
   * @param requireSecondFactor {@code auth.require-second-factor}: TOTP may then only be removed by
   *     an account that has another second factor
   * @param hasOtherSecondFactor whether an account has a second factor besides TOTP (a passkey)
   */
  public TotpRoutes(
      Stores stores,
      Totp totp,
      TotpVault vault,
      boolean requireSecondFactor,
      Predicate<AccountId> hasOtherSecondFactor,
      Clock clock,
      SecureRandom random) {
    this.accounts = stores.accounts();
    this.enrolments = stores.enrolments();
    this.audit = stores.audit();
    this.transactions = stores.transactions();
    this.reauth =
        new Reauthentication(
            stores.accounts(),
            stores.passwords(),
            totp,
            stores.guard(),
            stores.metrics(),
            stores.audit(),
            stores.transactions());
    this.sessions = new SessionEnder(stores.sessions(), stores.audit());
    this.totp = totp;
    this.vault = vault;
    this.requireSecondFactor = requireSecondFactor;
    this.hasOtherSecondFactor = hasOtherSecondFactor;
    this.clock = clock;
    this.random = random;
  }

  public List<Route> routes() {
    return List.of(
        new Route("POST", "/api/me/totp", Access.AUTHENTICATED, this::enrol),
        new Route("POST", "/api/me/totp/confirm", Access.AUTHENTICATED, this::confirm),
        new Route("DELETE", "/api/me/totp", Access.AUTHENTICATED, this::remove));
  }

  private void enrol(Exchange ex) throws IOException {
    ObjectNode body = ex.jsonBody(Set.of("password"));
    String password = Json.string(body, "password");
    Account a = reauth.caller(ex, "enrol");
    reauth.password(ex, a, "enrol", password);
    if (a.totpSecret() != null) {
      throw alreadyEnrolled();
    }
    TotpEnrolmentId id = TotpEnrolmentId.random(random);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    try (TotpSecret secret = TotpSecret.generate(random)) {
      enrolments.replace(
          new PendingTotp(
              id, a.id(), vault.sealPending(a.id(), id, secret), now, now.plus(ENROLMENT_TTL)));
      ObjectNode out = Json.object();
      out.put("enrolmentId", id.text());
      out.put("secret", secret.revealBase32());
      out.put("uri", totp.provisioningUri(a.name(), secret));
      out.put("expiresAt", now.plus(ENROLMENT_TTL).toString());
      // The secret is shown this once: no cache may keep the answer.
      ex.responseHeader("Cache-Control", "no-store");
      ex.json(200, out);
    }
  }

  private void confirm(Exchange ex) throws IOException {
    ObjectNode body = ex.jsonBody(Set.of("enrolmentId", "code"));
    String idText = Json.string(body, "enrolmentId");
    String code = Json.string(body, "code");
    Account a = reauth.caller(ex, "confirm");
    PendingTotp pending = pending(a.id(), idText);
    if (a.totpSecret() != null) {
      throw alreadyEnrolled();
    }
    OpaqueBytes sealed;
    try (TotpSecret secret = vault.openPending(a.id(), pending.id(), pending.sealedSecret())) {
      reauth.code(ex, a, "confirm", secret, code);
      sealed = vault.seal(a.id(), secret);
    }
    transactions.inTransaction(
        () -> {
          Account now = accounts.find(a.id()).orElseThrow();
          if (!enrolments.delete(pending.id())) {
            throw gone(); // another confirmation took it first
          }
          if (now.totpSecret() != null) {
            throw alreadyEnrolled();
          }
          accounts.updateTotpSecret(a.id(), sealed);
          var unused =
              audit.append(
                  audit
                      .event(ex, "totp.enrol")
                      .put("account", a.id().text())
                      .put("accountName", a.name()));
          // A new way in: whoever else holds a session of this account is signed out.
          return sessions.endAllBut(ex, a.id(), ex.principal().session(), "second_factor");
        });
    ex.json(200, Json.object().put("secondFactor", true));
  }

  private void remove(Exchange ex) throws IOException {
    ObjectNode body = ex.jsonBody(Set.of("password", "code"));
    String password = Json.string(body, "password");
    String code = Json.string(body, "code");
    Account a = reauth.caller(ex, "remove");
    if (requireSecondFactor && !hasOtherSecondFactor.test(a.id())) {
      throw new ApiException.Forbidden(
          "second_factor_required_by_policy",
          "This server requires a second factor (auth.require-second-factor): enrol another"
              + " before removing TOTP");
    }
    OpaqueBytes active = a.totpSecret();
    if (active == null) {
      throw new ApiException.Conflict("totp_not_enrolled", "This account has no TOTP to remove");
    }
    reauth.password(ex, a, "remove", password);
    try (TotpSecret secret = vault.open(a.id(), active)) {
      reauth.code(ex, a, "remove", secret, code);
    }
    transactions.inTransaction(
        () -> {
          if (!Objects.equals(accounts.find(a.id()).orElseThrow().totpSecret(), active)) {
            // Changed since it was read (another removal, or an operator enrolled anew).
            throw new ApiException.Conflict(
                "totp_changed", "The account's TOTP changed meanwhile; try again");
          }
          accounts.updateTotpSecret(a.id(), null);
          return audit.append(
              audit
                  .event(ex, "totp.remove")
                  .put("account", a.id().text())
                  .put("accountName", a.name()));
        });
    ex.json(200, Json.object().put("secondFactor", false));
  }

  /** The caller's pending enrolment {@code idText}, if it exists and has not expired. */
  private PendingTotp pending(AccountId account, String idText) {
    TotpEnrolmentId id;
    try {
      id = TotpEnrolmentId.parse(idText);
    } catch (IllegalArgumentException e) {
      throw gone();
    }
    PendingTotp p = enrolments.find(account, id).orElseThrow(TotpRoutes::gone);
    if (!clock.instant().isBefore(p.expiresAt())) {
      var unused = enrolments.delete(id);
      throw gone();
    }
    return p;
  }

  private static ApiException gone() {
    return new ApiException.NotFound(
        "No such TOTP enrolment, or it expired (they last ten minutes): start again");
  }

  private static ApiException alreadyEnrolled() {
    return new ApiException.Conflict(
        "totp_already_enrolled", "This account has a TOTP second factor already");
  }
}
