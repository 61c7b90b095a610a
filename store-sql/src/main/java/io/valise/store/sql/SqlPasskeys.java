package io.valise.store.sql;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.PasskeyId;
import io.valise.core.passkey.Passkey;
import io.valise.core.passkey.PasskeyRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

final class SqlPasskeys implements PasskeyRepository {
  private static final String COLUMNS =
      "id, account_id, credential_id, name, attested_credential, sign_count, backup_eligible,"
          + " backup_state, transports, prf, created_at, last_used_at";
  private static final String INSERT =
      "INSERT INTO passkey (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String OF_ACCOUNT =
      "SELECT " + COLUMNS + " FROM passkey WHERE account_id = ? ORDER BY created_at, id";
  private static final String BY_CREDENTIAL =
      "SELECT " + COLUMNS + " FROM passkey WHERE credential_id = ?";
  // Forward only (or a counterless authenticator), so concurrent sign-ins never move it back.
  private static final String USE =
      "UPDATE passkey SET sign_count = ?, backup_state = ?, last_used_at = ?"
          + " WHERE id = ? AND (? = 0 OR sign_count < ?)";
  private static final String DELETE = "DELETE FROM passkey WHERE id = ? AND account_id = ?";

  private final Db db;

  SqlPasskeys(Db db) {
    this.db = db;
  }

  @Override
  public void add(Passkey p) {
    db.write(
        "add passkey " + p.id() + " for " + p.account(),
        c ->
            Sql.update(
                c,
                INSERT,
                s -> {
                  Sql.id(s, 1, p.id());
                  Sql.id(s, 2, p.account());
                  s.setBytes(3, p.credentialId().toByteArray());
                  s.setString(4, p.name());
                  s.setBytes(5, p.attestedCredential().toByteArray());
                  s.setLong(6, p.signCount());
                  s.setBoolean(7, p.backupEligible());
                  s.setBoolean(8, p.backupState());
                  s.setString(9, String.join(" ", p.transports()));
                  s.setBoolean(10, p.prf());
                  Sql.time(s, 11, p.createdAt());
                  Sql.timeOrNull(s, 12, p.lastUsedAt());
                }));
  }

  @Override
  public List<Passkey> of(AccountId account) {
    return db.read(
        "list passkeys of " + account,
        c -> Sql.list(c, OF_ACCOUNT, s -> Sql.id(s, 1, account), SqlPasskeys::read));
  }

  @Override
  public Optional<Passkey> byCredentialId(OpaqueBytes credentialId) {
    return db.read(
        "find a passkey by credential id",
        c ->
            Sql.one(
                c,
                BY_CREDENTIAL,
                s -> s.setBytes(1, credentialId.toByteArray()),
                SqlPasskeys::read));
  }

  @Override
  public boolean recordUse(PasskeyId id, long signCount, boolean backupState, Instant at) {
    Passkey.checkSignCount(signCount);
    return db.write(
            "record a sign-in with passkey " + id,
            c ->
                Sql.update(
                    c,
                    USE,
                    s -> {
                      s.setLong(1, signCount);
                      s.setBoolean(2, backupState);
                      Sql.time(s, 3, at);
                      Sql.id(s, 4, id);
                      s.setLong(5, signCount);
                      s.setLong(6, signCount);
                    }))
        == 1;
  }

  @Override
  public boolean remove(AccountId account, PasskeyId id) {
    return db.write(
            "remove passkey " + id,
            c ->
                Sql.update(
                    c,
                    DELETE,
                    s -> {
                      Sql.id(s, 1, id);
                      Sql.id(s, 2, account);
                    }))
        == 1;
  }

  private static Passkey read(ResultSet r) throws SQLException {
    String transports = Sql.string(r, "transports");
    return new Passkey(
        PasskeyId.parse(Sql.string(r, "id")),
        AccountId.parse(Sql.string(r, "account_id")),
        Sql.bytes(r, "credential_id"),
        Sql.string(r, "name"),
        Sql.bytes(r, "attested_credential"),
        r.getLong("sign_count"),
        r.getBoolean("backup_eligible"),
        r.getBoolean("backup_state"),
        transports.isEmpty() ? List.of() : Arrays.asList(transports.split(" ", -1)),
        r.getBoolean("prf"),
        Sql.time(r, "created_at"),
        Sql.timeOrNull(r, "last_used_at"));
  }
}
