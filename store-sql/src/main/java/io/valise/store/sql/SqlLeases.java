package io.valise.store.sql;

import io.valise.core.lease.Lease;
import io.valise.core.lease.LeaseRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Leases in table {@code lease}. {@link #acquire} is the single statement {@link #TAKE}: PostgreSQL
 * locks the row and re-evaluates the condition against the committed row when a concurrent update
 * finishes first, SQLite runs one writer at a time, so two nodes can never both take a lease.
 */
final class SqlLeases implements LeaseRepository {
  private static final String TAKE =
      "UPDATE lease SET holder = ?, expires_at = ? WHERE name = ? AND (holder = ? OR expires_at <= ?)";
  private static final String RELEASE =
      "UPDATE lease SET expires_at = ? WHERE name = ? AND holder = ? AND expires_at > ?";
  private static final String FIND = "SELECT name, holder, expires_at FROM lease WHERE name = ?";

  private final Db db;

  SqlLeases(Db db) {
    this.db = db;
  }

  @Override
  public boolean acquire(String name, String holder, Instant now, Duration ttl) {
    checkHolder(holder);
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("Lease ttl [%s] must be positive".formatted(ttl));
    }
    Instant until = now.plus(ttl);
    int changed =
        db.write(
            "take lease " + name,
            c ->
                Sql.update(
                    c,
                    TAKE,
                    s -> {
                      s.setString(1, holder);
                      Sql.time(s, 2, until);
                      s.setString(3, name);
                      s.setString(4, holder);
                      Sql.time(s, 5, now);
                    }));
    if (changed == 1) {
      return true;
    }
    if (find(name).isEmpty()) {
      throw new IllegalArgumentException("No lease named [%s]".formatted(name));
    }
    return false;
  }

  @Override
  public boolean release(String name, String holder, Instant now) {
    checkHolder(holder);
    return db.write(
            "release lease " + name,
            c ->
                Sql.update(
                    c,
                    RELEASE,
                    s -> {
                      Sql.time(s, 1, now);
                      s.setString(2, name);
                      s.setString(3, holder);
                      Sql.time(s, 4, now);
                    }))
        == 1;
  }

  @Override
  public Optional<Lease> find(String name) {
    return db.read(
        "find lease " + name,
        c ->
            Sql.one(
                c,
                FIND,
                s -> s.setString(1, name),
                r ->
                    new Lease(
                        Sql.string(r, "name"),
                        Sql.string(r, "holder"),
                        Sql.time(r, "expires_at"))));
  }

  private static void checkHolder(String holder) {
    if (holder.isEmpty() || holder.length() > Lease.MAX_HOLDER) {
      throw new IllegalArgumentException(
          "Lease holder must be 1 to %d characters, got %d"
              .formatted(Lease.MAX_HOLDER, holder.length()));
    }
  }
}
