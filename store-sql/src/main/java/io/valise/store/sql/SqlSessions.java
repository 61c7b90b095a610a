package io.valise.store.sql;

import io.valise.core.auth.SessionOrigin;
import io.valise.core.auth.SessionRecord;
import io.valise.core.auth.SessionRepository;
import io.valise.core.auth.TokenHash;
import io.valise.core.id.AccountId;
import io.valise.core.id.SessionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

final class SqlSessions implements SessionRepository {
  private static final String INSERT =
      "INSERT INTO session (token_hash, account_id, created_at, last_seen_at, public_id, method,"
          + " source) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String LIST =
      "SELECT token_hash, created_at, last_seen_at, public_id, method, source FROM session"
          + " WHERE account_id = ? ORDER BY created_at DESC, token_hash";
  private static final String ASSIGN_ID =
      "UPDATE session SET public_id = ? WHERE token_hash = ? AND public_id IS NULL";
  private static final String FIND =
      "SELECT account_id, created_at, last_seen_at FROM session WHERE token_hash = ?";
  private static final String TOUCH = "UPDATE session SET last_seen_at = ? WHERE token_hash = ?";
  private static final String DELETE = "DELETE FROM session WHERE token_hash = ?";
  private static final String DELETE_IDLE = "DELETE FROM session WHERE last_seen_at < ?";
  private static final String DELETE_ENDED =
      "DELETE FROM session WHERE last_seen_at <= ? OR created_at <= ?";

  private final Db db;

  SqlSessions(Db db) {
    this.db = db;
  }

  @Override
  public void create(AccountId account, SessionRecord record) {
    insert(account, record, null, null);
  }

  @Override
  public void create(AccountId account, SessionRecord record, SessionId id, SessionOrigin origin) {
    insert(account, record, id, origin);
  }

  private void insert(
      AccountId account,
      SessionRecord record,
      @Nullable SessionId id,
      @Nullable SessionOrigin origin) {
    db.write(
        "create a session of " + account,
        c ->
            Sql.update(
                c,
                INSERT,
                s -> {
                  s.setString(1, record.hash().toHex());
                  Sql.id(s, 2, account);
                  Sql.time(s, 3, record.createdAt());
                  Sql.time(s, 4, record.lastSeenAt());
                  s.setString(5, id == null ? null : id.text());
                  s.setString(6, origin == null ? null : origin.method());
                  s.setString(7, origin == null ? null : origin.source());
                }));
  }

  @Override
  public List<ListedSession> list(AccountId account) {
    return db.read(
        "list the sessions of " + account,
        c -> Sql.list(c, LIST, s -> Sql.id(s, 1, account), SqlSessions::listed));
  }

  private static ListedSession listed(ResultSet r) throws SQLException {
    String id = r.getString("public_id");
    String method = r.getString("method");
    return new ListedSession(
        id == null ? null : SessionId.parse(id),
        new SessionRecord(
            TokenHash.fromHex(Sql.string(r, "token_hash")),
            Sql.time(r, "created_at"),
            Sql.time(r, "last_seen_at")),
        method == null ? null : new SessionOrigin(method, r.getString("source")));
  }

  @Override
  public boolean assignId(TokenHash hash, SessionId id) {
    return db.write(
            "give a session its public id",
            c ->
                Sql.update(
                    c,
                    ASSIGN_ID,
                    s -> {
                      Sql.id(s, 1, id);
                      s.setString(2, hash.toHex());
                    }))
        == 1;
  }

  @Override
  public Optional<StoredSession> find(TokenHash hash) {
    return db.read(
        "find a session",
        c ->
            Sql.one(
                c,
                FIND,
                s -> s.setString(1, hash.toHex()),
                r ->
                    new StoredSession(
                        AccountId.parse(Sql.string(r, "account_id")),
                        new SessionRecord(
                            hash, Sql.time(r, "created_at"), Sql.time(r, "last_seen_at")))));
  }

  @Override
  public boolean touch(TokenHash hash, Instant lastSeenAt) {
    return db.write(
            "touch a session",
            c ->
                Sql.update(
                    c,
                    TOUCH,
                    s -> {
                      Sql.time(s, 1, lastSeenAt);
                      s.setString(2, hash.toHex());
                    }))
        == 1;
  }

  @Override
  public boolean delete(TokenHash hash) {
    return db.write(
            "delete a session", c -> Sql.update(c, DELETE, s -> s.setString(1, hash.toHex())))
        == 1;
  }

  @Override
  public int deleteIdleSince(Instant before) {
    return db.write(
        "delete idle sessions", c -> Sql.update(c, DELETE_IDLE, s -> Sql.time(s, 1, before)));
  }

  @Override
  public int deleteEnded(Instant idleCutoff, Instant absoluteCutoff) {
    return db.write(
        "delete ended sessions",
        c ->
            Sql.update(
                c,
                DELETE_ENDED,
                s -> {
                  Sql.time(s, 1, idleCutoff);
                  Sql.time(s, 2, absoluteCutoff);
                }));
  }
}
