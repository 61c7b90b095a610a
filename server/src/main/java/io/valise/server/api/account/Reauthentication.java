package io.valise.server.api.account;

import io.valise.age.secret.Passphrase;
import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.audit.AuditEvent;
import io.valise.core.auth.BanDecision;
import io.valise.core.auth.BruteForceSubject;
import io.valise.core.auth.Offence;
import io.valise.core.auth.PasswordHasher;
import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpSecret;
import io.valise.core.tx.Transactions;
import io.valise.server.audit.Audit;
import io.valise.server.health.Metrics;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import java.util.List;
import java.util.OptionalLong;

/**
 * The checks a signed-in person passes again before changing how they sign in: their password, and
 * a TOTP code. Failures count like failed logins (against the account and the source address, in
 * the shared brute-force table) and are logged as {@code totp.failure} entries with the action and
 * the reason, in the transaction that scores them; a banned account or address is refused before
 * anything is checked. Nothing here writes on success except the code's time step, so a code works
 * once here as at login.
 */
final class Reauthentication {
  private final AccountRepository accounts;
  private final PasswordHasher passwords;
  private final Totp totp;
  private final BruteForceGuard guard;
  private final Metrics metrics;
  private final Audit audit;
  private final Transactions transactions;

  Reauthentication(
      AccountRepository accounts,
      PasswordHasher passwords,
      Totp totp,
      BruteForceGuard guard,
      Metrics metrics,
      Audit audit,
      Transactions transactions) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.totp = totp;
    this.guard = guard;
    this.metrics = metrics;
    this.audit = audit;
    this.transactions = transactions;
  }

  /**
   * The caller's account once it is known not to be banned.
   *
   * @param action what the caller is doing, for the log: {@code enrol}, {@code confirm}, {@code
   *     remove}
   * @throws ApiException.TooManyRequests if the account or the source address is banned
   */
  Account caller(Exchange ex, String action) {
    Account a =
        accounts
            .find(ex.principal().account())
            .filter(Account::active)
            .orElseThrow(
                () -> new ApiException.Unauthorized("account_disabled", "Account disabled"));
    BanDecision banned = guard.banned(subjects(ex, a));
    if (banned.banned()) {
      var unused = audit.append(failure(ex, a, action, "banned"));
      guard.refuseIfBanned(banned);
    }
    return a;
  }

  /**
   * Checks the account's password.
   *
   * @throws ApiException.Unauthorized {@code bad_credentials}, counted as a failed login
   * @throws ApiException.TooManyRequests if this failure started a ban
   */
  void password(Exchange ex, Account a, String action, String password) {
    boolean ok;
    String hash = a.passwordHash();
    if (password.isEmpty()) {
      ok = false; // no account has an empty password
    } else {
      try (Passphrase p = Passphrase.of(password.toCharArray())) {
        // An account without a password (a lab system) spends the same time and fails.
        ok = hash == null ? passwords.verifyNoAccount(p) : passwords.verify(p, hash);
      }
    }
    if (!ok) {
      fail(ex, a, action, Offence.FAILED_LOGIN, "bad_credentials");
      throw new ApiException.Unauthorized("bad_credentials", "Wrong password");
    }
  }

  /**
   * Checks a TOTP code against {@code secret} under the account's replay rule (a step not later
   * than the last one used is refused), and uses its step.
   *
   * @throws ApiException.BadRequest {@code second_factor_invalid}, counted as a wrong second factor
   * @throws ApiException.TooManyRequests if this failure started a ban
   */
  void code(Exchange ex, Account a, String action, TotpSecret secret, String code) {
    OptionalLong step = totp.verify(secret, code, accounts.lastTotpStep(a.id()));
    if (step.isEmpty() || !accounts.useTotpStep(a.id(), step.getAsLong())) {
      fail(ex, a, action, Offence.FAILED_SECOND_FACTOR, "second_factor_invalid");
      throw new ApiException.BadRequest(
          "second_factor_invalid", "Wrong, expired or already used TOTP code");
    }
  }

  private static List<BruteForceSubject> subjects(Exchange ex, Account a) {
    return List.of(
        BruteForceSubject.Source.of(ex.remote()), new BruteForceSubject.Account(a.id().text()));
  }

  private void fail(Exchange ex, Account a, String action, Offence offence, String reason) {
    metrics.loginFailure();
    BanDecision d =
        transactions.inTransaction(
            () -> {
              BanDecision after =
                  guard.record(subjects(ex, a), offence, type -> audit.event(ex, type), a.name());
              var unused = audit.append(failure(ex, a, action, reason));
              return after;
            });
    guard.refuseIfBanned(d);
  }

  private AuditEvent.Builder failure(Exchange ex, Account a, String action, String reason) {
    return audit
        .event(ex, "totp.failure")
        .put("account", a.id().text())
        .put("accountName", a.name())
        .put("action", action)
        .put("reason", reason);
  }
}
