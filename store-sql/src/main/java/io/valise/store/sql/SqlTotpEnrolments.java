package io.valise.store.sql;

import io.valise.core.auth.TotpEnrolmentRepository;
import io.valise.core.id.AccountId;
import io.valise.core.id.TotpEnrolmentId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

final class SqlTotpEnrolments implements TotpEnrolmentRepository {
  private static final String DELETE_OF_ACCOUNT = "DELETE FROM totp_enrolment WHERE account_id = ?";
  private static final String INSERT =
      "INSERT INTO totp_enrolment (id, account_id, secret, created_at, expires_at)"
          + " VALUES (?, ?, ?, ?, ?)";
  private static final String FIND =
      "SELECT id, account_id, secret, created_at, expires_at FROM totp_enrolment"
          + " WHERE id = ? AND account_id = ?";
  private static final String DELETE = "DELETE FROM totp_enrolment WHERE id = ?";
  private static final String DELETE_EXPIRED = "DELETE FROM totp_enrolment WHERE expires_at <= ?";

  private final Db db;

  SqlTotpEnrolments(Db db) {
    this.db = db;
  }

  @Override
  public void replace(PendingTotp p) {
    db.write(
        "store a TOTP enrolment of " + p.account(),
        c -> {
          Sql.update(c, DELETE_OF_ACCOUNT, s -> Sql.id(s, 1, p.account()));
          return Sql.update(
              c,
              INSERT,
              s -> {
                Sql.id(s, 1, p.id());
                Sql.id(s, 2, p.account());
                s.setBytes(3, p.sealedSecret().toByteArray());
                Sql.time(s, 4, p.createdAt());
                Sql.time(s, 5, p.expiresAt());
              });
        });
  }

  @Override
  public Optional<PendingTotp> find(AccountId account, TotpEnrolmentId id) {
    return db.read(
        "find TOTP enrolment " + id,
        c ->
            Sql.one(
                c,
                FIND,
                s -> {
                  Sql.id(s, 1, id);
                  Sql.id(s, 2, account);
                },
                SqlTotpEnrolments::read));
  }

  @Override
  public boolean delete(TotpEnrolmentId id) {
    return db.write(
            "delete TOTP enrolment " + id, c -> Sql.update(c, DELETE, s -> Sql.id(s, 1, id)))
        == 1;
  }

  @Override
  public int deleteExpired(Instant now) {
    return db.write(
        "delete expired TOTP enrolments",
        c -> Sql.update(c, DELETE_EXPIRED, s -> Sql.time(s, 1, now)));
  }

  private static PendingTotp read(ResultSet r) throws SQLException {
    return new PendingTotp(
        TotpEnrolmentId.parse(Sql.string(r, "id")),
        AccountId.parse(Sql.string(r, "account_id")),
        Sql.bytes(r, "secret"),
        Sql.time(r, "created_at"),
        Sql.time(r, "expires_at"));
  }
}
