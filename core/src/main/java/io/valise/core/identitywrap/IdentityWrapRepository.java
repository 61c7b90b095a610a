package io.valise.core.identitywrap;

import io.valise.core.id.AccountId;
import io.valise.core.id.IdentityWrapId;
import io.valise.core.id.PasskeyId;
import java.util.List;

/**
 * Stores identity wraps. A passkey wrap goes with its passkey: removing the passkey removes it. All
 * methods throw {@link io.valise.core.tx.StoreException} when the store fails, and join the
 * caller's transaction if there is one.
 */
public interface IdentityWrapRepository {
  /**
   * Stores a wrap.
   *
   * @throws io.valise.core.tx.ConflictException if the id is taken
   * @throws io.valise.core.tx.UnknownReferenceException if the account is missing, or the passkey
   *     is missing or belongs to another account
   */
  void add(IdentityWrap wrap);

  /** The wraps of an account, oldest first. */
  List<IdentityWrap> of(AccountId account);

  /** The wraps made for one passkey, oldest first. */
  List<IdentityWrap> ofPasskey(PasskeyId passkey);

  /** Removes one of an account's wraps; false if that account has no wrap with this id. */
  boolean remove(AccountId account, IdentityWrapId id);
}
