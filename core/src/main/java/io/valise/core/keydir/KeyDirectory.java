package io.valise.core.keydir;

import io.valise.core.id.AccountId;
import io.valise.core.id.KeyId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores the key directory. Keys are revoked, never deleted: clients that pinned a key must be able
 * to learn that it was withdrawn. All methods throw {@link io.valise.core.tx.StoreException} when
 * the store fails, and join the caller's transaction if there is one.
 */
public interface KeyDirectory {
  /**
   * Publishes a key.
   *
   * @throws io.valise.core.tx.ConflictException if the id is taken or the account already published
   *     this recipient
   * @throws io.valise.core.tx.UnknownReferenceException if the account is missing
   */
  void publish(PublishedKey key);

  /** The key with this id, current or revoked. */
  Optional<PublishedKey> find(KeyId id);

  /** The current keys of an account, oldest first. */
  List<PublishedKey> current(AccountId account);

  /** Every key an account ever published, oldest first. */
  List<PublishedKey> history(AccountId account);

  /** Revokes a current key at {@code at}; false if it is missing or already revoked. */
  boolean revoke(KeyId id, Instant at);
}
