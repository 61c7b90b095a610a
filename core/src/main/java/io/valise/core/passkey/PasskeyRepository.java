package io.valise.core.passkey;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.PasskeyId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores the passkeys accounts sign in with. A credential id belongs to one passkey at most, so a
 * sign-in by a discoverable credential names exactly one account. All methods throw {@link
 * io.valise.core.tx.StoreException} when the store fails, and join the caller's transaction if
 * there is one.
 */
public interface PasskeyRepository {
  /**
   * Registers a passkey.
   *
   * @throws io.valise.core.tx.ConflictException if the id or the credential id is taken, by this
   *     account or another
   * @throws io.valise.core.tx.UnknownReferenceException if the account is missing
   */
  void add(Passkey passkey);

  /** The passkeys of an account, oldest first. */
  List<Passkey> of(AccountId account);

  /** The passkey with this credential id, if registered. */
  Optional<Passkey> byCredentialId(OpaqueBytes credentialId);

  /**
   * Records a sign-in: the new signature counter, backup state and time. The write happens only if
   * the counter still moves forward ({@code signCount} above the stored one) or the authenticator
   * keeps no counter ({@code signCount} 0), so two nodes accepting assertions of one authenticator
   * at once cannot move it backwards.
   *
   * @return false if the passkey is gone or its stored counter is already at or past {@code
   *     signCount} (nothing written)
   */
  boolean recordUse(PasskeyId id, long signCount, boolean backupState, Instant at);

  /**
   * Removes one of an account's passkeys, and with it the identity wraps made for it.
   *
   * @return false if that account has no passkey with this id
   */
  boolean remove(AccountId account, PasskeyId id);
}
