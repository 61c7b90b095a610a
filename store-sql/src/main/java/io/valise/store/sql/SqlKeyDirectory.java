package io.valise.store.sql;

import io.valise.core.id.AccountId;
import io.valise.core.id.KeyId;
import io.valise.core.keydir.KeyDirectory;
import io.valise.core.keydir.KeyKind;
import io.valise.core.keydir.PublishedKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlKeyDirectory implements KeyDirectory {
  private static final String COLUMNS = "id, account_id, recipient, kind, published_at, revoked_at";
  private static final String INSERT =
      "INSERT INTO published_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM published_key WHERE id = ?";
  private static final String CURRENT =
      "SELECT "
          + COLUMNS
          + " FROM published_key WHERE account_id = ? AND revoked_at IS NULL"
          + " ORDER BY published_at, id";
  private static final String HISTORY =
      "SELECT " + COLUMNS + " FROM published_key WHERE account_id = ? ORDER BY published_at, id";
  private static final String REVOKE =
      "UPDATE published_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";

  private final Db db;

  SqlKeyDirectory(Db db) {
    this.db = db;
  }

  @Override
  public void publish(PublishedKey k) {
    db.write(
        "publish key " + k.id() + " for " + k.account(),
        c ->
            Sql.update(
                c,
                INSERT,
                s -> {
                  Sql.id(s, 1, k.id());
                  Sql.id(s, 2, k.account());
                  s.setString(3, k.recipient());
                  s.setString(4, k.kind().name());
                  Sql.time(s, 5, k.publishedAt());
                  Sql.timeOrNull(s, 6, k.revokedAt());
                }));
  }

  @Override
  public Optional<PublishedKey> find(KeyId id) {
    return db.read(
        "find key " + id, c -> Sql.one(c, BY_ID, s -> Sql.id(s, 1, id), SqlKeyDirectory::read));
  }

  @Override
  public List<PublishedKey> current(AccountId account) {
    return db.read(
        "list keys of " + account,
        c -> Sql.list(c, CURRENT, s -> Sql.id(s, 1, account), SqlKeyDirectory::read));
  }

  @Override
  public List<PublishedKey> history(AccountId account) {
    return db.read(
        "list key history of " + account,
        c -> Sql.list(c, HISTORY, s -> Sql.id(s, 1, account), SqlKeyDirectory::read));
  }

  @Override
  public boolean revoke(KeyId id, Instant at) {
    return db.write(
            "revoke key " + id,
            c ->
                Sql.update(
                    c,
                    REVOKE,
                    s -> {
                      Sql.time(s, 1, at);
                      Sql.id(s, 2, id);
                    }))
        == 1;
  }

  private static PublishedKey read(ResultSet r) throws SQLException {
    return new PublishedKey(
        KeyId.parse(Sql.string(r, "id")),
        AccountId.parse(Sql.string(r, "account_id")),
        Sql.string(r, "recipient"),
        KeyKind.valueOf(Sql.string(r, "kind")),
        Sql.time(r, "published_at"),
        Sql.timeOrNull(r, "revoked_at"));
  }
}
