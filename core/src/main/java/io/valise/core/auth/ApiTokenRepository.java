package io.valise.core.auth;

import io.valise.core.id.AccountId;
import io.valise.core.id.ApiTokenId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores API tokens by the SHA-256 hash of the token, never the token itself. All methods throw
 * {@link io.valise.core.tx.StoreException} when the store fails.
 */
public interface ApiTokenRepository {
  /**
   * Stores a new token of {@code account}.
   *
   * @throws io.valise.core.tx.UnknownReferenceException if the account is missing
   * @throws io.valise.core.tx.ConflictException if the id or hash is taken
   */
  void create(StoredApiToken token);

  /** The token whose value hashes to {@code hash}, expired or not. */
  Optional<StoredApiToken> find(TokenHash hash);

  /** The tokens of {@code account}, oldest first. */
  List<StoredApiToken> list(AccountId account);

  /** Revokes a token of {@code account}; false if it has no token with this id. */
  boolean delete(AccountId account, ApiTokenId id);

  /** Deletes every token that expired before {@code before}; returns how many. */
  int deleteExpired(Instant before);

  /** A token's record, with its id and owner. */
  record StoredApiToken(ApiTokenId id, AccountId account, ApiTokenRecord record) {}
}
