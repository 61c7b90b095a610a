package io.valise.store.sql;

import io.valise.core.id.AccountId;
import io.valise.core.id.IdentityWrapId;
import io.valise.core.id.PasskeyId;
import io.valise.core.identitywrap.IdentityWrap;
import io.valise.core.identitywrap.IdentityWrapKind;
import io.valise.core.identitywrap.IdentityWrapRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

final class SqlIdentityWraps implements IdentityWrapRepository {
  private static final String COLUMNS =
      "id, account_id, kind, passkey_id, recipient, wrapped, created_at";
  private static final String INSERT =
      "INSERT INTO identity_wrap (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String OF_ACCOUNT =
      "SELECT " + COLUMNS + " FROM identity_wrap WHERE account_id = ? ORDER BY created_at, id";
  private static final String OF_PASSKEY =
      "SELECT " + COLUMNS + " FROM identity_wrap WHERE passkey_id = ? ORDER BY created_at, id";
  private static final String DELETE = "DELETE FROM identity_wrap WHERE id = ? AND account_id = ?";

  private final Db db;

  SqlIdentityWraps(Db db) {
    this.db = db;
  }

  @Override
  public void add(IdentityWrap w) {
    db.write(
        "add identity wrap " + w.id() + " for " + w.account(),
        c ->
            Sql.update(
                c,
                INSERT,
                s -> {
                  Sql.id(s, 1, w.id());
                  Sql.id(s, 2, w.account());
                  s.setString(3, w.kind().name());
                  PasskeyId passkey = w.passkey();
                  if (passkey == null) {
                    s.setNull(4, Types.VARCHAR);
                  } else {
                    Sql.id(s, 4, passkey);
                  }
                  s.setString(5, w.recipient());
                  s.setBytes(6, w.wrapped().toByteArray());
                  Sql.time(s, 7, w.createdAt());
                }));
  }

  @Override
  public List<IdentityWrap> of(AccountId account) {
    return db.read(
        "list identity wraps of " + account,
        c -> Sql.list(c, OF_ACCOUNT, s -> Sql.id(s, 1, account), SqlIdentityWraps::read));
  }

  @Override
  public List<IdentityWrap> ofPasskey(PasskeyId passkey) {
    return db.read(
        "list identity wraps of passkey " + passkey,
        c -> Sql.list(c, OF_PASSKEY, s -> Sql.id(s, 1, passkey), SqlIdentityWraps::read));
  }

  @Override
  public boolean remove(AccountId account, IdentityWrapId id) {
    return db.write(
            "remove identity wrap " + id,
            c ->
                Sql.update(
                    c,
                    DELETE,
                    s -> {
                      Sql.id(s, 1, id);
                      Sql.id(s, 2, account);
                    }))
        == 1;
  }

  private static IdentityWrap read(ResultSet r) throws SQLException {
    String passkey = r.getString("passkey_id");
    return new IdentityWrap(
        IdentityWrapId.parse(Sql.string(r, "id")),
        AccountId.parse(Sql.string(r, "account_id")),
        IdentityWrapKind.valueOf(Sql.string(r, "kind")),
        passkey == null ? null : PasskeyId.parse(passkey),
        Sql.string(r, "recipient"),
        Sql.bytes(r, "wrapped"),
        Sql.time(r, "created_at"));
  }
}
