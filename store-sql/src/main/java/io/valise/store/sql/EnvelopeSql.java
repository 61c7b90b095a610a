package io.valise.store.sql;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.envelope.Envelope;
import io.valise.core.id.AccountId;
import io.valise.core.id.BlobId;
import io.valise.core.id.EnvelopeId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The envelope statements (all constant) and the mapping of an envelope row. */
final class EnvelopeSql {
  private EnvelopeSql() {}

  private static final String COLUMNS =
      "e.id, e.sender_id, e.created_at, e.expires_at, e.max_downloads, e.downloads,"
          + " e.payload_blob, e.payload_length, e.header, e.metadata";
  static final String INSERT =
      "INSERT INTO envelope (id, sender_id, created_at, expires_at, max_downloads, downloads,"
          + " payload_blob, payload_length, header, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String BY_ID = "SELECT " + COLUMNS + " FROM envelope e WHERE e.id = ?";
  static final String INBOX =
      "SELECT "
          + COLUMNS
          + " FROM envelope e JOIN envelope_recipient r ON r.envelope_id = e.id"
          + " WHERE r.account_id = ? AND e.expires_at > ? ORDER BY e.created_at DESC, e.id";
  static final String OUTBOX =
      "SELECT "
          + COLUMNS
          + " FROM envelope e WHERE e.sender_id = ? AND e.expires_at > ?"
          + " ORDER BY e.created_at DESC, e.id";
  static final String RECIPIENTS =
      "SELECT account_id FROM envelope_recipient WHERE envelope_id = ? ORDER BY account_id";
  static final String RESERVE =
      "UPDATE envelope SET downloads = downloads + 1 WHERE id = ? AND expires_at > ?"
          + " AND (max_downloads IS NULL OR downloads < max_downloads)";
  static final String SET_HEADER = "UPDATE envelope SET header = ? WHERE id = ?";
  static final String SWAP_HEADER = "UPDATE envelope SET header = ? WHERE id = ? AND header = ?";
  static final String BYTES_STORED = "SELECT bytes_stored FROM account WHERE id = ?";
  static final String ADD_STORED =
      "UPDATE account SET bytes_stored = bytes_stored + ? WHERE id = ?";
  static final String REMOVE_STORED =
      "UPDATE account SET bytes_stored = bytes_stored -"
          + " (SELECT e.payload_length FROM envelope e WHERE e.id = ?)"
          + " WHERE id = (SELECT e.sender_id FROM envelope e WHERE e.id = ?)";

  static final String ADD_RECIPIENT =
      "INSERT INTO envelope_recipient (envelope_id, account_id) VALUES (?, ?)"
          + " ON CONFLICT DO NOTHING";
  static final String REMOVE_RECIPIENT =
      "DELETE FROM envelope_recipient WHERE envelope_id = ? AND account_id = ?";
  static final String PURGEABLE =
      "SELECT id, payload_blob FROM envelope WHERE expires_at <= ?"
          + " OR (max_downloads IS NOT NULL AND downloads >= max_downloads)"
          + " ORDER BY expires_at, id LIMIT ?";
  static final String DELETE = "DELETE FROM envelope WHERE id = ?";
  static final String PAYLOADS_FROM_START =
      "SELECT payload_blob FROM envelope ORDER BY payload_blob LIMIT ?";
  static final String PAYLOADS_AFTER =
      "SELECT payload_blob FROM envelope WHERE payload_blob > ? ORDER BY payload_blob LIMIT ?";

  static void bindInsert(PreparedStatement s, Envelope e) throws SQLException {
    Sql.id(s, 1, e.id());
    Sql.id(s, 2, e.sender());
    Sql.time(s, 3, e.createdAt());
    Sql.time(s, 4, e.expiresAt());
    Sql.intOrNull(s, 5, e.maxDownloads());
    s.setInt(6, e.downloads());
    Sql.id(s, 7, e.payload());
    s.setLong(8, e.payloadLength());
    s.setBytes(9, e.header().toByteArray());
    s.setBytes(10, e.metadata().toByteArray());
  }

  /** An envelope row before its recipients are loaded. */
  record Row(
      EnvelopeId id,
      AccountId sender,
      Instant createdAt,
      Instant expiresAt,
      @Nullable Integer maxDownloads,
      int downloads,
      BlobId payload,
      long payloadLength,
      OpaqueBytes header,
      OpaqueBytes metadata) {
    Envelope toEnvelope(List<AccountId> recipients) {
      return new Envelope(
          id,
          sender,
          createdAt,
          expiresAt,
          maxDownloads,
          downloads,
          payload,
          payloadLength,
          header,
          metadata,
          recipients);
    }
  }

  static Row read(ResultSet r) throws SQLException {
    return new Row(
        EnvelopeId.parse(Sql.string(r, "id")),
        AccountId.parse(Sql.string(r, "sender_id")),
        Sql.time(r, "created_at"),
        Sql.time(r, "expires_at"),
        Sql.intOrNull(r, "max_downloads"),
        r.getInt("downloads"),
        BlobId.parse(Sql.string(r, "payload_blob")),
        r.getLong("payload_length"),
        Sql.bytes(r, "header"),
        Sql.bytes(r, "metadata"));
  }
}
