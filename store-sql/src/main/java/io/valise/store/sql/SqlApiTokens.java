package io.valise.store.sql;

import io.valise.core.auth.ApiTokenRecord;
import io.valise.core.auth.ApiTokenRepository;
import io.valise.core.auth.TokenHash;
import io.valise.core.auth.TokenScope;
import io.valise.core.id.AccountId;
import io.valise.core.id.ApiTokenId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlApiTokens implements ApiTokenRepository {
  private static final String COLUMNS =
      "id, token_hash, account_id, scopes, created_at, expires_at";
  private static final String INSERT =
      "INSERT INTO api_token (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
  private static final String FIND = "SELECT " + COLUMNS + " FROM api_token WHERE token_hash = ?";
  private static final String LIST =
      "SELECT " + COLUMNS + " FROM api_token WHERE account_id = ? ORDER BY created_at, id";
  private static final String DELETE = "DELETE FROM api_token WHERE id = ? AND account_id = ?";
  private static final String DELETE_EXPIRED = "DELETE FROM api_token WHERE expires_at < ?";

  private final Db db;

  SqlApiTokens(Db db) {
    this.db = db;
  }

  @Override
  public void create(StoredApiToken t) {
    db.write(
        "create an API token of " + t.account(),
        c ->
            Sql.update(
                c,
                INSERT,
                s -> {
                  Sql.id(s, 1, t.id());
                  s.setString(2, t.record().hash().toHex());
                  Sql.id(s, 3, t.account());
                  s.setString(4, TokenScope.formatList(t.record().scopes()));
                  Sql.time(s, 5, t.record().createdAt());
                  Sql.time(s, 6, t.record().expiresAt());
                }));
  }

  @Override
  public Optional<StoredApiToken> find(TokenHash hash) {
    return db.read(
        "find an API token", c -> Sql.one(c, FIND, s -> s.setString(1, hash.toHex()), READ));
  }

  @Override
  public List<StoredApiToken> list(AccountId account) {
    return db.read(
        "list API tokens of " + account, c -> Sql.list(c, LIST, s -> Sql.id(s, 1, account), READ));
  }

  @Override
  public boolean delete(AccountId account, ApiTokenId id) {
    return db.write(
            "revoke API token " + id,
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

  @Override
  public int deleteExpired(Instant before) {
    return db.write(
        "delete expired API tokens",
        c -> Sql.update(c, DELETE_EXPIRED, s -> Sql.time(s, 1, before)));
  }

  private static final Sql.RowReader<StoredApiToken> READ = SqlApiTokens::read;

  private static StoredApiToken read(ResultSet r) throws SQLException {
    return new StoredApiToken(
        ApiTokenId.parse(Sql.string(r, "id")),
        AccountId.parse(Sql.string(r, "account_id")),
        new ApiTokenRecord(
            TokenHash.fromHex(Sql.string(r, "token_hash")),
            TokenScope.parseList(Sql.string(r, "scopes")),
            Sql.time(r, "created_at"),
            Sql.time(r, "expires_at")));
  }
}
