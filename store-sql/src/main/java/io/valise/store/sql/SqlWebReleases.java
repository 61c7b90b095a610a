package io.valise.store.sql;

import io.valise.core.audit.WebReleaseRepository;
import java.time.Instant;
import java.util.OptionalLong;

final class SqlWebReleases implements WebReleaseRepository {
  private static final String FIND = "SELECT pending_id FROM web_release WHERE bundle = ?";
  private static final String INSERT =
      "INSERT INTO web_release (bundle, pending_id, published_at) VALUES (?, ?, ?)";

  private final Db db;

  SqlWebReleases(Db db) {
    this.db = db;
  }

  @Override
  public OptionalLong entryOf(String bundle) {
    return db.read(
            "find the release of web bundle " + bundle,
            c -> Sql.one(c, FIND, s -> s.setString(1, bundle), r -> r.getLong("pending_id")))
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  @Override
  public void record(String bundle, long pendingId, Instant at) {
    if (!bundle.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("A web bundle hash is 64 hex digits: " + bundle);
    }
    db.write(
        "record the release of web bundle " + bundle,
        c ->
            Sql.update(
                c,
                INSERT,
                s -> {
                  s.setString(1, bundle);
                  s.setLong(2, pendingId);
                  Sql.time(s, 3, at);
                }));
  }
}
