package io.valise.store.sql;

import io.valise.core.id.AccountId;
import io.valise.core.id.SshKeyId;
import io.valise.core.sshkey.SshKey;
import io.valise.core.sshkey.SshKeyRepository;
import io.valise.core.sshkey.SshPublicKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

final class SqlSshKeys implements SshKeyRepository {
  private static final String COLUMNS =
      "id, account_id, algorithm, public_key, fingerprint, comment, added_at";
  private static final String INSERT =
      "INSERT INTO ssh_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String BY_FINGERPRINT =
      "SELECT " + COLUMNS + " FROM ssh_key WHERE fingerprint = ?";
  private static final String OF_ACCOUNT =
      "SELECT " + COLUMNS + " FROM ssh_key WHERE account_id = ? ORDER BY added_at, id";
  private static final String DELETE = "DELETE FROM ssh_key WHERE id = ? AND account_id = ?";

  private final Db db;

  SqlSshKeys(Db db) {
    this.db = db;
  }

  @Override
  public void add(SshKey k) {
    db.write(
        "add SSH key " + k.id() + " for " + k.account(),
        c ->
            Sql.update(
                c,
                INSERT,
                s -> {
                  Sql.id(s, 1, k.id());
                  Sql.id(s, 2, k.account());
                  s.setString(3, k.publicKey().algorithm());
                  s.setString(4, k.publicKey().text());
                  s.setString(5, k.fingerprint());
                  s.setString(6, k.comment());
                  Sql.time(s, 7, k.addedAt());
                }));
  }

  @Override
  public Optional<SshKey> byFingerprint(String fingerprint) {
    return db.read(
        "find an SSH key by fingerprint",
        c -> Sql.one(c, BY_FINGERPRINT, s -> s.setString(1, fingerprint), SqlSshKeys::read));
  }

  @Override
  public List<SshKey> of(AccountId account) {
    return db.read(
        "list SSH keys of " + account,
        c -> Sql.list(c, OF_ACCOUNT, s -> Sql.id(s, 1, account), SqlSshKeys::read));
  }

  @Override
  public boolean remove(AccountId account, SshKeyId id) {
    return db.write(
            "remove SSH key " + id,
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

  private static SshKey read(ResultSet r) throws SQLException {
    SshPublicKey key = SshPublicKey.parse(Sql.string(r, "public_key")).key();
    return new SshKey(
        SshKeyId.parse(Sql.string(r, "id")),
        AccountId.parse(Sql.string(r, "account_id")),
        key,
        Sql.string(r, "comment"),
        Sql.time(r, "added_at"));
  }
}
