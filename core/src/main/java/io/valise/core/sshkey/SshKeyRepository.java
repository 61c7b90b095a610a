package io.valise.core.sshkey;

import io.valise.core.id.AccountId;
import io.valise.core.id.SshKeyId;
import java.util.List;
import java.util.Optional;

/**
 * Stores the SSH keys accounts log in to the SFTP gateway with. A fingerprint belongs to at most
 * one account. All methods throw {@link io.valise.core.tx.StoreException} when the store fails, and
 * join the caller's transaction if there is one.
 */
public interface SshKeyRepository {
  /**
   * Registers a key.
   *
   * @throws io.valise.core.tx.ConflictException if the id is taken or the key (its fingerprint) is
   *     already registered, by this account or another
   * @throws io.valise.core.tx.UnknownReferenceException if the account is missing
   */
  void add(SshKey key);

  /** The key with this fingerprint ({@link SshPublicKey#fingerprint()}), if registered. */
  Optional<SshKey> byFingerprint(String fingerprint);

  /** The keys of an account, oldest first. */
  List<SshKey> of(AccountId account);

  /** Removes one of an account's keys; false if that account has no key with this id. */
  boolean remove(AccountId account, SshKeyId id);
}
