package io.valise.store.sql;

import io.valise.core.id.EnvelopeId;
import io.valise.core.retention.RetainedEnvelope;
import io.valise.core.retention.RetentionRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The retention report's reads: envelopes with their sender's name, recipients' names and live link
 * counts, in three statements. They are separate reads, so an envelope purged meanwhile may show
 * without recipients; the report is a snapshot for people, not a lock.
 */
final class SqlRetention implements RetentionRepository {
  private static final String ENVELOPES =
      "SELECT e.id, a.name AS sender, e.payload_length + LENGTH(e.header) AS size, e.created_at,"
          + " e.expires_at, e.downloads, e.max_downloads"
          + " FROM envelope e JOIN account a ON a.id = e.sender_id ORDER BY e.expires_at, e.id";
  private static final String RECIPIENTS =
      "SELECT r.envelope_id, a.name FROM envelope_recipient r JOIN account a ON a.id = r.account_id"
          + " ORDER BY a.name";
  private static final String LIVE_LINKS =
      "SELECT envelope_id, COUNT(*) AS live FROM share_link WHERE revoked_at IS NULL"
          + " AND expires_at > ? AND (max_downloads IS NULL OR downloads < max_downloads)"
          + " GROUP BY envelope_id";

  private final Db db;

  SqlRetention(Db db) {
    this.db = db;
  }

  private record Row(
      String id,
      String sender,
      long size,
      Instant createdAt,
      Instant expiresAt,
      int downloads,
      @Nullable Integer maxDownloads) {}

  private record Pair(String envelope, String value) {}

  @Override
  public List<RetainedEnvelope> envelopes(Instant now) {
    List<Row> rows =
        db.read(
            "list stored envelopes",
            c ->
                Sql.list(
                    c,
                    ENVELOPES,
                    s -> {},
                    r ->
                        new Row(
                            Sql.string(r, "id"),
                            Sql.string(r, "sender"),
                            r.getLong("size"),
                            Sql.time(r, "created_at"),
                            Sql.time(r, "expires_at"),
                            r.getInt("downloads"),
                            Sql.intOrNull(r, "max_downloads"))));
    Map<String, List<String>> recipients = new HashMap<>();
    for (Pair p :
        db.read(
            "list recipients",
            c ->
                Sql.list(
                    c,
                    RECIPIENTS,
                    s -> {},
                    r -> new Pair(Sql.string(r, "envelope_id"), Sql.string(r, "name"))))) {
      recipients.computeIfAbsent(p.envelope(), k -> new ArrayList<>()).add(p.value());
    }
    Map<String, Integer> links = new HashMap<>();
    for (Pair p :
        db.read(
            "count live share links",
            c ->
                Sql.list(
                    c,
                    LIVE_LINKS,
                    s -> Sql.time(s, 1, now),
                    r ->
                        new Pair(
                            Sql.string(r, "envelope_id"), String.valueOf(r.getInt("live")))))) {
      links.put(p.envelope(), Integer.parseInt(p.value()));
    }
    List<RetainedEnvelope> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      out.add(
          new RetainedEnvelope(
              EnvelopeId.parse(row.id()),
              row.sender(),
              recipients.getOrDefault(row.id(), List.of()),
              row.size(),
              row.createdAt(),
              row.expiresAt(),
              row.downloads(),
              row.maxDownloads(),
              links.getOrDefault(row.id(), 0)));
    }
    return out;
  }
}
