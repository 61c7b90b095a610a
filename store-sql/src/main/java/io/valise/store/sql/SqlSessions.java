package io.valise.store.sql;

import io.valise.core.auth.SessionRecord;
import io.valise.core.auth.SessionRepository;
import io.valise.core.auth.TokenHash;
import io.valise.core.id.AccountId;
import java.time.Instant;
import java.util.Optional;

final class SqlSessions implements SessionRepository {
  private static final String INSERT =
      "INSERT INTO session (token_hash, account_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)";
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
                }));
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
