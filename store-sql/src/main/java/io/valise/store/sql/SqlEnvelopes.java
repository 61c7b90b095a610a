package io.valise.store.sql;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.envelope.Envelope;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.envelope.PurgeCandidate;
import io.valise.core.id.AccountId;
import io.valise.core.id.BlobId;
import io.valise.core.id.EnvelopeId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

final class SqlEnvelopes implements EnvelopeRepository {
  private final Db db;

  SqlEnvelopes(Db db) {
    this.db = db;
  }

  @Override
  public void create(Envelope e) {
    db.write(
        "create envelope " + e.id(),
        c -> {
          Sql.update(c, EnvelopeSql.INSERT, s -> EnvelopeSql.bindInsert(s, e));
          Sql.update(
              c,
              EnvelopeSql.ADD_STORED,
              s -> {
                s.setLong(1, e.payloadLength());
                Sql.id(s, 2, e.sender());
              });
          for (AccountId r : e.recipients()) {
            addRecipient(c, e.id(), r);
          }
          return e.recipients().size();
        });
  }

  @Override
  public Optional<Envelope> find(EnvelopeId id) {
    return db.read(
        "find envelope " + id,
        c -> {
          Optional<EnvelopeSql.Row> row =
              Sql.one(c, EnvelopeSql.BY_ID, s -> Sql.id(s, 1, id), EnvelopeSql::read);
          return row.isEmpty()
              ? Optional.<Envelope>empty()
              : Optional.of(withRecipients(c, row.get()));
        });
  }

  @Override
  public Optional<Envelope> findVisibleTo(EnvelopeId id, AccountId account) {
    // One rule for visibility, applied to the loaded envelope, instead of a second SQL spelling.
    return find(id).filter(e -> e.visibleTo(account));
  }

  @Override
  public List<Envelope> inbox(AccountId account, Instant now) {
    return listing("inbox of " + account, EnvelopeSql.INBOX, account, now);
  }

  @Override
  public List<Envelope> outbox(AccountId account, Instant now) {
    return listing("outbox of " + account, EnvelopeSql.OUTBOX, account, now);
  }

  private List<Envelope> listing(String doing, String sql, AccountId account, Instant now) {
    return db.read(
        doing,
        c -> {
          List<EnvelopeSql.Row> rows =
              Sql.list(
                  c,
                  sql,
                  s -> {
                    Sql.id(s, 1, account);
                    Sql.time(s, 2, now);
                  },
                  EnvelopeSql::read);
          List<Envelope> out = new ArrayList<>(rows.size());
          for (EnvelopeSql.Row row : rows) {
            out.add(withRecipients(c, row));
          }
          return out;
        });
  }

  @Override
  public boolean reserveDownload(EnvelopeId id, Instant now) {
    // The whole check-and-increment is one UPDATE: the database serialises it against every
    // other reservation of the same row, on any node, so the limit can never be exceeded.
    return db.write(
            "reserve a download of " + id,
            c ->
                Sql.update(
                    c,
                    EnvelopeSql.RESERVE,
                    s -> {
                      Sql.id(s, 1, id);
                      Sql.time(s, 2, now);
                    }))
        == 1;
  }

  @Override
  public boolean replaceHeader(EnvelopeId id, OpaqueBytes header) {
    if (header.length() == 0) {
      throw new IllegalArgumentException("Envelope [%s]: empty header".formatted(id));
    }
    return db.write(
            "replace header of " + id,
            c ->
                Sql.update(
                    c,
                    EnvelopeSql.SET_HEADER,
                    s -> {
                      s.setBytes(1, header.toByteArray());
                      Sql.id(s, 2, id);
                    }))
        == 1;
  }

  @Override
  public boolean replaceHeader(EnvelopeId id, OpaqueBytes expected, OpaqueBytes header) {
    if (header.length() == 0) {
      throw new IllegalArgumentException("Envelope [%s]: empty header".formatted(id));
    }
    // Compare-and-set in one UPDATE: of two re-wraps made from the same header, one wins.
    return db.write(
            "replace header of " + id,
            c ->
                Sql.update(
                    c,
                    EnvelopeSql.SWAP_HEADER,
                    s -> {
                      s.setBytes(1, header.toByteArray());
                      Sql.id(s, 2, id);
                      s.setBytes(3, expected.toByteArray());
                    }))
        == 1;
  }

  @Override
  public long bytesStored(AccountId sender) {
    return db.read(
        "read the bytes stored by " + sender,
        c ->
            Sql.one(
                    c,
                    EnvelopeSql.BYTES_STORED,
                    s -> Sql.id(s, 1, sender),
                    r -> r.getLong("bytes_stored"))
                .orElse(0L));
  }

  @Override
  public boolean addRecipient(EnvelopeId id, AccountId account) {
    return db.write("add recipient " + account + " to " + id, c -> addRecipient(c, id, account));
  }

  private static boolean addRecipient(Connection c, EnvelopeId id, AccountId account)
      throws SQLException {
    return Sql.update(
            c,
            EnvelopeSql.ADD_RECIPIENT,
            s -> {
              Sql.id(s, 1, id);
              Sql.id(s, 2, account);
            })
        == 1;
  }

  @Override
  public boolean removeRecipient(EnvelopeId id, AccountId account) {
    return db.write(
            "remove recipient " + account + " from " + id,
            c ->
                Sql.update(
                    c,
                    EnvelopeSql.REMOVE_RECIPIENT,
                    s -> {
                      Sql.id(s, 1, id);
                      Sql.id(s, 2, account);
                    }))
        == 1;
  }

  @Override
  public List<PurgeCandidate> expiredOrExhausted(Instant now, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("Limit [%d] must be at least 1".formatted(limit));
    }
    return db.read(
        "list expired envelopes",
        c ->
            Sql.list(
                c,
                EnvelopeSql.PURGEABLE,
                s -> {
                  Sql.time(s, 1, now);
                  s.setInt(2, limit);
                },
                r ->
                    new PurgeCandidate(
                        EnvelopeId.parse(Sql.string(r, "id")),
                        BlobId.parse(Sql.string(r, "payload_blob")))));
  }

  @Override
  public List<BlobId> payloadsAfter(@Nullable BlobId after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("Limit [%d] must be at least 1".formatted(limit));
    }
    Sql.RowReader<BlobId> blob = r -> BlobId.parse(Sql.string(r, "payload_blob"));
    return db.read(
        "list payload blobs",
        c ->
            after == null
                ? Sql.list(c, EnvelopeSql.PAYLOADS_FROM_START, s -> s.setInt(1, limit), blob)
                : Sql.list(
                    c,
                    EnvelopeSql.PAYLOADS_AFTER,
                    s -> {
                      Sql.id(s, 1, after);
                      s.setInt(2, limit);
                    },
                    blob));
  }

  @Override
  public boolean delete(EnvelopeId id) {
    // Recipients and share links go with it (ON DELETE CASCADE), in the same statement.
    return db.write(
            "delete envelope " + id,
            c -> {
              Sql.update(
                  c,
                  EnvelopeSql.REMOVE_STORED,
                  s -> {
                    Sql.id(s, 1, id);
                    Sql.id(s, 2, id);
                  });
              return Sql.update(c, EnvelopeSql.DELETE, s -> Sql.id(s, 1, id));
            })
        == 1;
  }

  private static Envelope withRecipients(Connection c, EnvelopeSql.Row row) throws SQLException {
    List<AccountId> recipients =
        Sql.list(
            c,
            EnvelopeSql.RECIPIENTS,
            s -> Sql.id(s, 1, row.id()),
            r -> AccountId.parse(Sql.string(r, "account_id")));
    return row.toEnvelope(recipients);
  }
}
