package io.valise.server.wiring;

import io.valise.core.auth.PasswordHasher;
import io.valise.core.auth.Sessions;
import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpParameters;
import io.valise.server.api.account.BruteForceGuard;
import io.valise.server.api.account.SessionRoutes;
import io.valise.server.api.account.TotpRoutes;
import io.valise.server.audit.Audit;
import io.valise.server.config.ServerConfig;
import io.valise.server.config.TotpVault;
import io.valise.server.health.Metrics;
import io.valise.server.http.Route;
import io.valise.store.sql.SqlStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Wiring of the routes by which a person manages how they sign in: their TOTP and sessions. */
final class AccountSecurity {
  private AccountSecurity() {}

  /** The sign-in services the composition root made already. */
  record Auth(
      PasswordHasher passwords, Sessions sessions, BruteForceGuard guard, TotpVault vault) {}

  static List<Route> routes(
      ServerConfig config,
      SqlStore store,
      Auth auth,
      Metrics metrics,
      Audit audit,
      Clock clock,
      SecureRandom random) {
    TotpRoutes totp =
        new TotpRoutes(
            new TotpRoutes.Stores(
                store.accounts(),
                store.totpEnrolments(),
                store.sessions(),
                auth.passwords(),
                auth.guard(),
                metrics,
                audit,
                store.transactions()),
            new Totp(TotpParameters.DEFAULT, clock),
            auth.vault(),
            config.requireSecondFactor(),
            // A passkey with user verification stands for both factors, so an account that has one
            // may drop TOTP even where the policy requires a second factor.
            account -> !store.passkeys().of(account).isEmpty(),
            clock,
            random);
    List<Route> out = new ArrayList<>(totp.routes());
    out.addAll(
        new SessionRoutes(store.sessions(), auth.sessions(), audit, store.transactions(), random)
            .routes());
    return out;
  }
}
