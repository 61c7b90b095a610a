package io.valise.store.sql;

import io.valise.core.auth.BruteForceRepository;
import io.valise.core.auth.BruteForceState;

final class SqlBruteForce implements BruteForceRepository {
  private static final String FIND =
      "SELECT score, score_at, strikes, banned_until, version FROM brute_force WHERE subject = ?";
  private static final String INSERT =
      "INSERT INTO brute_force (subject, score, score_at, strikes, banned_until, version)"
          + " VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT DO NOTHING";
  private static final String UPDATE =
      "UPDATE brute_force SET score = ?, score_at = ?, strikes = ?, banned_until = ?,"
          + " version = version + 1 WHERE subject = ? AND version = ?";
  private static final String DELETE = "DELETE FROM brute_force WHERE subject = ?";

  private final Db db;

  SqlBruteForce(Db db) {
    this.db = db;
  }

  @Override
  public Versioned find(String key) {
    return db.read(
            "read brute-force state",
            c ->
                Sql.one(
                    c,
                    FIND,
                    s -> s.setString(1, key),
                    r ->
                        new Versioned(
                            new BruteForceState(
                                r.getInt("score"),
                                Sql.time(r, "score_at"),
                                r.getInt("strikes"),
                                Sql.timeOrNull(r, "banned_until")),
                            r.getLong("version"))))
        .orElse(Versioned.NONE);
  }

  @Override
  public boolean save(String key, BruteForceState state, long expectedVersion) {
    if (expectedVersion == 0) {
      // ON CONFLICT DO NOTHING (SQLite 3.24+, PostgreSQL 9.5+): a writer that came first leaves
      // no row inserted here, and no error, which on PostgreSQL would abort the caller's whole
      // transaction (a failure is scored in the same transaction as its audit entry).
      return db.write(
              "insert brute-force state",
              c ->
                  Sql.update(
                      c,
                      INSERT,
                      s -> {
                        s.setString(1, key);
                        s.setInt(2, state.score());
                        Sql.time(s, 3, state.scoreAt());
                        s.setInt(4, state.strikes());
                        Sql.timeOrNull(s, 5, state.bannedUntil());
                      }))
          == 1;
    }
    return db.write(
            "update brute-force state",
            c ->
                Sql.update(
                    c,
                    UPDATE,
                    s -> {
                      s.setInt(1, state.score());
                      Sql.time(s, 2, state.scoreAt());
                      s.setInt(3, state.strikes());
                      Sql.timeOrNull(s, 4, state.bannedUntil());
                      s.setString(5, key);
                      s.setLong(6, expectedVersion);
                    }))
        == 1;
  }

  @Override
  public boolean delete(String key) {
    return db.write(
            "delete brute-force state", c -> Sql.update(c, DELETE, s -> s.setString(1, key)))
        == 1;
  }
}
