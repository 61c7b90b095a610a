package io.valise.store.sql;

import io.valise.core.id.AccountId;
import io.valise.core.id.EnvelopeId;
import io.valise.core.id.ShareId;
import io.valise.core.share.ShareLink;
import io.valise.core.share.ShareRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlShares implements ShareRepository {
  private static final String COLUMNS =
      "id, envelope_id, header, created_by, created_at, expires_at, max_downloads, downloads,"
          + " password_hash, revoked_at";
  private static final String INSERT =
      "INSERT INTO share_link (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM share_link WHERE id = ?";
  private static final String FOR_ENVELOPE =
      "SELECT " + COLUMNS + " FROM share_link WHERE envelope_id = ? ORDER BY created_at, id";
  private static final String RESERVE =
      "UPDATE share_link SET downloads = downloads + 1 WHERE id = ? AND revoked_at IS NULL"
          + " AND expires_at > ? AND (max_downloads IS NULL OR downloads < max_downloads)";
  private static final String REVOKE =
      "UPDATE share_link SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
  private static final String PURGEABLE =
      "SELECT id FROM share_link WHERE expires_at <= ? OR revoked_at IS NOT NULL"
          + " OR (max_downloads IS NOT NULL AND downloads >= max_downloads)"
          + " ORDER BY expires_at, id LIMIT ?";
  private static final String DELETE = "DELETE FROM share_link WHERE id = ?";

  private final Db db;

  SqlShares(Db db) {
    this.db = db;
  }

  @Override
  public void create(ShareLink l) {
    db.write(
        "create share link " + l.id() + " to " + l.envelope(),
        c ->
            Sql.update(
                c,
                INSERT,
                s -> {
                  Sql.id(s, 1, l.id());
                  Sql.id(s, 2, l.envelope());
                  s.setBytes(3, l.header().toByteArray());
                  Sql.id(s, 4, l.createdBy());
                  Sql.time(s, 5, l.createdAt());
                  Sql.time(s, 6, l.expiresAt());
                  Sql.intOrNull(s, 7, l.maxDownloads());
                  s.setInt(8, l.downloads());
                  s.setString(9, l.passwordHash());
                  Sql.timeOrNull(s, 10, l.revokedAt());
                }));
  }

  @Override
  public Optional<ShareLink> find(ShareId id) {
    return db.read(
        "find share link " + id, c -> Sql.one(c, BY_ID, s -> Sql.id(s, 1, id), SqlShares::read));
  }

  @Override
  public List<ShareLink> forEnvelope(EnvelopeId envelope) {
    return db.read(
        "list share links of " + envelope,
        c -> Sql.list(c, FOR_ENVELOPE, s -> Sql.id(s, 1, envelope), SqlShares::read));
  }

  @Override
  public boolean reserveUse(ShareId id, Instant now) {
    // One conditional UPDATE, like envelope downloads: the database serialises it.
    return db.write(
            "reserve a use of share link " + id,
            c ->
                Sql.update(
                    c,
                    RESERVE,
                    s -> {
                      Sql.id(s, 1, id);
                      Sql.time(s, 2, now);
                    }))
        == 1;
  }

  @Override
  public boolean revoke(ShareId id, Instant at) {
    return db.write(
            "revoke share link " + id,
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

  @Override
  public List<ShareId> expiredOrUsedUp(Instant now, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("Limit [%d] must be at least 1".formatted(limit));
    }
    return db.read(
        "list expired share links",
        c ->
            Sql.list(
                c,
                PURGEABLE,
                s -> {
                  Sql.time(s, 1, now);
                  s.setInt(2, limit);
                },
                r -> ShareId.parse(Sql.string(r, "id"))));
  }

  @Override
  public boolean delete(ShareId id) {
    return db.write("delete share link " + id, c -> Sql.update(c, DELETE, s -> Sql.id(s, 1, id)))
        == 1;
  }

  private static ShareLink read(ResultSet r) throws SQLException {
    return new ShareLink(
        ShareId.parse(Sql.string(r, "id")),
        EnvelopeId.parse(Sql.string(r, "envelope_id")),
        Sql.bytes(r, "header"),
        AccountId.parse(Sql.string(r, "created_by")),
        Sql.time(r, "created_at"),
        Sql.time(r, "expires_at"),
        Sql.intOrNull(r, "max_downloads"),
        r.getInt("downloads"),
        r.getString("password_hash"),
        Sql.timeOrNull(r, "revoked_at"));
  }
}
