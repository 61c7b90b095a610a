package io.valise.store.sql;

import io.valise.core.id.AccountId;
import io.valise.core.id.ChallengeId;
import io.valise.core.passkey.ChallengePurpose;
import io.valise.core.passkey.WebAuthnChallenge;
import io.valise.core.passkey.WebAuthnChallengeRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

final class SqlWebAuthnChallenges implements WebAuthnChallengeRepository {
  private static final String COLUMNS = "id, purpose, account_id, challenge, expires_at";
  private static final String INSERT =
      "INSERT INTO webauthn_challenge (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)";
  private static final String FIND = "SELECT " + COLUMNS + " FROM webauthn_challenge WHERE id = ?";
  private static final String DELETE = "DELETE FROM webauthn_challenge WHERE id = ?";
  private static final String DELETE_EXPIRED =
      "DELETE FROM webauthn_challenge WHERE expires_at <= ?";

  private final Db db;

  SqlWebAuthnChallenges(Db db) {
    this.db = db;
  }

  @Override
  public void create(WebAuthnChallenge ch) {
    db.write(
        "store WebAuthn challenge " + ch.id(),
        c ->
            Sql.update(
                c,
                INSERT,
                s -> {
                  Sql.id(s, 1, ch.id());
                  s.setString(2, ch.purpose().name());
                  AccountId account = ch.account();
                  if (account == null) {
                    s.setNull(3, Types.VARCHAR);
                  } else {
                    Sql.id(s, 3, account);
                  }
                  s.setBytes(4, ch.challenge().toByteArray());
                  Sql.time(s, 5, ch.expiresAt());
                }));
  }

  @Override
  public Optional<WebAuthnChallenge> take(ChallengeId id) {
    // Read and delete in one transaction; only the caller whose DELETE removed the row gets it.
    // On PostgreSQL a concurrent DELETE of the same row waits for this one and then removes
    // nothing; on SQLite writers take turns.
    return db.write(
        "consume WebAuthn challenge " + id,
        c -> {
          Optional<WebAuthnChallenge> found =
              Sql.one(c, FIND, s -> Sql.id(s, 1, id), SqlWebAuthnChallenges::read);
          if (found.isEmpty() || Sql.update(c, DELETE, s -> Sql.id(s, 1, id)) != 1) {
            return Optional.empty();
          }
          return found;
        });
  }

  @Override
  public int deleteExpired(Instant now) {
    return db.write(
        "delete expired WebAuthn challenges",
        c -> Sql.update(c, DELETE_EXPIRED, s -> Sql.time(s, 1, now)));
  }

  private static WebAuthnChallenge read(ResultSet r) throws SQLException {
    String account = r.getString("account_id");
    return new WebAuthnChallenge(
        ChallengeId.parse(Sql.string(r, "id")),
        ChallengePurpose.valueOf(Sql.string(r, "purpose")),
        account == null ? null : AccountId.parse(account),
        Sql.bytes(r, "challenge"),
        Sql.time(r, "expires_at"));
  }
}
