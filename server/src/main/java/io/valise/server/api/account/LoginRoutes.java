package io.valise.server.api.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.age.secret.Passphrase;
import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.audit.AuditEvent;
import io.valise.core.auth.BanDecision;
import io.valise.core.auth.BruteForceSubject;
import io.valise.core.auth.Offence;
import io.valise.core.auth.PasswordHasher;
import io.valise.core.auth.SessionRepository;
import io.valise.core.auth.Sessions;
import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpSecret;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.tx.Transactions;
import io.valise.server.audit.Audit;
import io.valise.server.config.TotpVault;
import io.valise.server.health.Metrics;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code POST /api/login} and {@code POST /api/logout}. */
public final class LoginRoutes {
  private final AccountRepository accounts;
  private final PasswordHasher passwords;
  private final SessionRepository stored;
  private final BruteForceGuard guard;
  private final Metrics metrics;
  private final Totp totp;
  private final TotpVault vault;
  private final boolean requireSecondFactor;
  private final Audit audit;
  private final Transactions transactions;
  private final SignIn signIn;

  public LoginRoutes(
      AccountRepository accounts,
      PasswordHasher passwords,
      Sessions sessions,
      SessionRepository stored,
      BruteForceGuard guard,
      Metrics metrics,
      Totp totp,
      TotpVault vault,
      boolean requireSecondFactor,
      Audit audit,
      Transactions transactions) {
    this.audit = audit;
    this.transactions = transactions;
    this.signIn = new SignIn(sessions, stored, guard, audit, transactions);
    this.requireSecondFactor = requireSecondFactor;
    this.totp = totp;
    this.vault = vault;
    this.accounts = accounts;
    this.passwords = passwords;
    this.stored = stored;
    this.guard = guard;
    this.metrics = metrics;
  }

  public List<Route> routes() {
    return List.of(
        new Route("POST", "/api/login", Access.PUBLIC, this::login),
        new Route("POST", "/api/logout", Access.AUTHENTICATED, this::logout));
  }

  private void login(Exchange ex) throws Exception {
    ObjectNode body = ex.jsonBody(Set.of("name", "password", "totp", "cookie"));
    boolean cookie = body.path("cookie").asBoolean(false);
    if (cookie) {
      BrowserSession.requireSameOrigin(ex);
    }
    String name = Json.string(body, "name");
    String password = Json.string(body, "password");
    if (password.isEmpty()) {
      // Never right, so not a guess to score; it was a 500 when the empty secret was refused.
      throw new ApiException.BadRequest("bad_password", "The password is empty");
    }
    Optional<Account> found =
        name.matches("[a-z0-9._-]{1,64}") ? accounts.findByName(name) : Optional.empty();
    List<BruteForceSubject> subjects = new ArrayList<>();
    subjects.add(BruteForceSubject.Source.of(ex.remote()));
    found.ifPresent(a -> subjects.add(new BruteForceSubject.Account(a.id().text())));
    BanDecision banned = guard.banned(subjects);
    if (banned.banned()) {
      // Refused before any credential is checked; nothing else is written.
      var unused = audit.append(failure(ex, name, "banned"));
      guard.refuseIfBanned(banned);
    }

    boolean ok;
    try (Passphrase p = Passphrase.of(password.toCharArray())) {
      String hash = found.map(Account::passwordHash).orElse(null);
      ok = hash == null ? passwords.verifyNoAccount(p) : passwords.verify(p, hash);
    }
    Account account = found.orElse(null);
    if (!ok || account == null || !account.active()) {
      fail(ex, name, subjects, Offence.FAILED_LOGIN, "bad_credentials");
      throw new ApiException.Unauthorized("bad_credentials", "Wrong name or password");
    }
    if (account.totpSecret() != null) {
      checkSecondFactor(ex, account, body.has("totp") ? Json.string(body, "totp") : null, subjects);
    } else if (requireSecondFactor) {
      // The password was right, so this is not scored; the account must enrol TOTP first.
      var unused = audit.append(failure(ex, name, "second_factor_enrolment_required"));
      throw new ApiException.Forbidden(
          "second_factor_enrolment_required",
          "This server requires a second factor: enrol TOTP for this account (valise admin user"
              + " totp NAME) before logging in");
    }
    String method = account.totpSecret() != null ? "password+totp" : "password";
    signIn.start(ex, account, method, null, cookie);
  }

  /** A {@code login.failure} entry: the name as typed (cut to 64 characters), never a password. */
  private AuditEvent.Builder failure(Exchange ex, String name, String reason) {
    return event(ex, "login.failure").put("name", cut(name, 64)).put("reason", reason);
  }

  /** At most {@code max} characters of {@code s}, never half of a surrogate pair. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
  }

  /** An event of a login attempt: anonymous, {@code via} the session it asks for. */
  private AuditEvent.Builder event(Exchange ex, String type) {
    return audit.event(ex, type).put("via", "session");
  }

  /**
   * Scores a failed attempt and records its {@code login.failure} (and any {@code ban} it starts)
   * in one transaction, then refuses with 429 if it started a ban.
   */
  private void fail(
      Exchange ex, String name, List<BruteForceSubject> subjects, Offence offence, String reason) {
    metrics.loginFailure();
    String accountName = subjects.size() > 1 ? name : null;
    BanDecision d =
        transactions.inTransaction(
            () -> {
              BanDecision after =
                  guard.record(subjects, offence, type -> event(ex, type), accountName);
              var unused = audit.append(failure(ex, name, reason));
              return after;
            });
    guard.refuseIfBanned(d);
  }

  /**
   * Checks the TOTP code of an account with a second factor; a missing, wrong or replayed code is a
   * {@code FAILED_SECOND_FACTOR} for the account and the source.
   */
  private void checkSecondFactor(
      Exchange ex, Account account, @Nullable String code, List<BruteForceSubject> subjects) {
    if (code == null) {
      fail(ex, account.name(), subjects, Offence.FAILED_SECOND_FACTOR, "second_factor_required");
      throw new ApiException.Unauthorized(
          "second_factor_required", "This account needs a TOTP code in \"totp\"");
    }
    OpaqueBytes sealed = Objects.requireNonNull(account.totpSecret());
    OptionalLong step;
    try (TotpSecret secret = vault.open(account.id(), sealed)) {
      step = totp.verify(secret, code, accounts.lastTotpStep(account.id()));
    }
    if (step.isEmpty() || !accounts.useTotpStep(account.id(), step.getAsLong())) {
      fail(ex, account.name(), subjects, Offence.FAILED_SECOND_FACTOR, "second_factor_invalid");
      throw new ApiException.Unauthorized(
          "second_factor_invalid", "Wrong, expired or already used TOTP code");
    }
  }

  private void logout(Exchange ex) throws Exception {
    transactions.inTransaction(
        () -> {
          stored.delete(ex.principal().session());
          return audit.append(
              audit.event(ex, "session.end").put("account", ex.principal().account().text()));
        });
    BrowserSession.end(ex);
    ex.json(200, Json.object().put("status", "logged out"));
  }
}
