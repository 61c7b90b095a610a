package io.valise.store.sql;

import io.valise.core.account.Account;
import io.valise.core.account.AccountKind;
import io.valise.core.account.AccountRepository;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

final class SqlAccounts implements AccountRepository {
  private static final String COLUMNS =
      "id, name, kind, admin, password_hash, totp_secret, created_at, disabled_at";
  private static final String INSERT =
      "INSERT INTO account (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM account WHERE id = ?";
  private static final String BY_NAME = "SELECT " + COLUMNS + " FROM account WHERE name = ?";
  private static final String ALL = "SELECT " + COLUMNS + " FROM account ORDER BY name";
  private static final String SET_HASH = "UPDATE account SET password_hash = ? WHERE id = ?";
  private static final String SET_TOTP = "UPDATE account SET totp_secret = ? WHERE id = ?";
  private static final String LAST_STEP = "SELECT totp_last_step FROM account WHERE id = ?";
  private static final String USE_STEP =
      "UPDATE account SET totp_last_step = ? WHERE id = ?"
          + " AND (totp_last_step IS NULL OR totp_last_step < ?)";
  private static final String SET_ADMIN = "UPDATE account SET admin = ? WHERE id = ?";
  private static final String DISABLE =
      "UPDATE account SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL";

  private final Db db;

  SqlAccounts(Db db) {
    this.db = db;
  }

  @Override
  public void create(Account a) {
    db.write(
        "create account " + a.name(),
        c -> {
          Names.claim(c, a.name());
          return Sql.update(
              c,
              INSERT,
              s -> {
                Sql.id(s, 1, a.id());
                s.setString(2, a.name());
                s.setString(3, a.kind().name());
                s.setBoolean(4, a.admin());
                s.setString(5, a.passwordHash());
                Sql.bytesOrNull(s, 6, a.totpSecret());
                Sql.time(s, 7, a.createdAt());
                Sql.timeOrNull(s, 8, a.disabledAt());
              });
        });
  }

  @Override
  public Optional<Account> find(AccountId id) {
    return db.read("find account " + id, c -> Sql.one(c, BY_ID, s -> Sql.id(s, 1, id), READ));
  }

  @Override
  public Optional<Account> findByName(String name) {
    return db.read(
        "find account by name", c -> Sql.one(c, BY_NAME, s -> s.setString(1, name), READ));
  }

  @Override
  public List<Account> list() {
    return db.read("list accounts", c -> Sql.list(c, ALL, s -> {}, READ));
  }

  @Override
  public boolean updatePasswordHash(AccountId id, @Nullable String passwordHash) {
    return db.write(
            "update password of " + id,
            c ->
                Sql.update(
                    c,
                    SET_HASH,
                    s -> {
                      s.setString(1, passwordHash);
                      Sql.id(s, 2, id);
                    }))
        == 1;
  }

  @Override
  public boolean updateTotpSecret(AccountId id, @Nullable OpaqueBytes totpSecret) {
    return db.write(
            "update TOTP secret of " + id,
            c ->
                Sql.update(
                    c,
                    SET_TOTP,
                    s -> {
                      Sql.bytesOrNull(s, 1, totpSecret);
                      Sql.id(s, 2, id);
                    }))
        == 1;
  }

  @Override
  public OptionalLong lastTotpStep(AccountId id) {
    Optional<OptionalLong> step =
        db.read(
            "read TOTP step of " + id,
            c ->
                Sql.one(
                    c,
                    LAST_STEP,
                    s -> Sql.id(s, 1, id),
                    r -> {
                      long v = r.getLong(1);
                      return r.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
                    }));
    return step.orElse(OptionalLong.empty());
  }

  @Override
  public boolean useTotpStep(AccountId id, long step) {
    return db.write(
            "use TOTP step of " + id,
            c ->
                Sql.update(
                    c,
                    USE_STEP,
                    s -> {
                      s.setLong(1, step);
                      Sql.id(s, 2, id);
                      s.setLong(3, step);
                    }))
        == 1;
  }

  @Override
  public boolean setAdmin(AccountId id, boolean admin) {
    return db.write(
            "set admin flag of " + id,
            c ->
                Sql.update(
                    c,
                    SET_ADMIN,
                    s -> {
                      s.setBoolean(1, admin);
                      Sql.id(s, 2, id);
                    }))
        == 1;
  }

  @Override
  public boolean disable(AccountId id, Instant at) {
    return db.write(
            "disable " + id,
            c ->
                Sql.update(
                    c,
                    DISABLE,
                    s -> {
                      Sql.time(s, 1, at);
                      Sql.id(s, 2, id);
                    }))
        == 1;
  }

  private static final Sql.RowReader<Account> READ = SqlAccounts::read;

  private static Account read(ResultSet r) throws SQLException {
    return new Account(
        AccountId.parse(Sql.string(r, "id")),
        Sql.string(r, "name"),
        AccountKind.valueOf(Sql.string(r, "kind")),
        r.getBoolean("admin"),
        r.getString("password_hash"),
        Sql.bytesOrNull(r, "totp_secret"),
        Sql.time(r, "created_at"),
        Sql.timeOrNull(r, "disabled_at"));
  }
}
