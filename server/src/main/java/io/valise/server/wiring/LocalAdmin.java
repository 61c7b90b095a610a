package io.valise.server.wiring;

import io.valise.age.secret.Passphrase;
import io.valise.core.account.Account;
import io.valise.core.account.AccountKind;
import io.valise.core.auth.PasswordHasher;
import io.valise.core.auth.PasswordPolicy;
import io.valise.core.auth.Totp;
import io.valise.core.auth.TotpParameters;
import io.valise.core.auth.TotpSecret;
import io.valise.core.id.AccountId;
import io.valise.core.retention.RetentionReport;
import io.valise.server.config.InstallationSecrets;
import io.valise.server.config.ServerConfig;
import io.valise.server.config.TotpVault;
import io.valise.store.sql.SqlStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Administration directly on a data directory (or the configured database), for the first
 * administrator and for operators on the server host. Safe while the server runs: the store
 * serialises writers.
 */
public final class LocalAdmin {
  private LocalAdmin() {}

  /**
   * Creates an account with an argon2id password hash.
   *
   * @throws IllegalArgumentException for a bad name
   * @throws io.valise.core.tx.ConflictException if the name is taken
   */
  public static Account addUser(
      ServerConfig config,
      String name,
      boolean admin,
      Passphrase password,
      Clock clock,
      SecureRandom random)
      throws IOException {
    Account.checkName(name);
    if (password.length() == 0) {
      throw new IllegalArgumentException("The password is empty");
    }
    String hash = new PasswordHasher(PasswordPolicy.OWASP, random).hash(password);
    try (SqlStore store = Stores.metadata(config, clock)) {
      Account a =
          Account.create(
              AccountId.random(random), name, AccountKind.PERSON, admin, hash, clock.instant());
      store.accounts().create(a);
      return a;
    }
  }

  /**
   * Enrols a new TOTP secret for an account (replacing any earlier one), stored sealed under the
   * server key.
   *
   * @return the otpauth:// URI to show once, as text or a QR code
   * @throws IllegalArgumentException if there is no such account
   */
  public static String enrolTotp(ServerConfig config, String name, Clock clock, SecureRandom random)
      throws IOException {
    Account.checkName(name);
    TotpVault vault;
    try (var key = InstallationSecrets.load(config.dataDir(), random).key()) {
      vault = new TotpVault(key, random);
    }
    try (SqlStore store = Stores.metadata(config, clock);
        TotpSecret secret = TotpSecret.generate(random)) {
      Account a =
          store
              .accounts()
              .findByName(name)
              .orElseThrow(() -> new IllegalArgumentException("No account named " + name));
      store.accounts().updateTotpSecret(a.id(), vault.seal(a.id(), secret));
      return new Totp(TotpParameters.DEFAULT, clock).provisioningUri(name, secret);
    }
  }

  /**
   * What is stored, for whom, until when: every envelope still in the database (expired ones the
   * sweeper has not purged yet included) and totals per account. Reads only.
   *
   * @throws IllegalArgumentException if the configured SQLite database does not exist
   */
  public static RetentionReport retention(ServerConfig config, Clock clock) throws IOException {
    String sqlite = "jdbc:sqlite:";
    if (config.database().startsWith(sqlite)
        && !Files.exists(Path.of(config.database().substring(sqlite.length())))) {
      // A report only reads: a mistyped --data must not create an empty installation.
      throw new IllegalArgumentException(
          "No Valise database at " + config.database().substring(sqlite.length()));
    }
    try (SqlStore store = Stores.metadata(config, clock)) {
      var now = clock.instant();
      return RetentionReport.of(now, store.retention().envelopes(now));
    }
  }
}
