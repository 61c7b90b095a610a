package io.valise.core.account;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Stores accounts. Accounts are disabled, never deleted, because envelopes and the audit trail
 * refer to them. All methods throw {@link io.valise.core.tx.StoreException} when the store fails,
 * and join the caller's transaction if there is one.
 */
public interface AccountRepository {
  /**
   * Stores a new account.
   *
   * @throws io.valise.core.tx.ConflictException if its id or name is already taken by an account or
   *     a group (they share one namespace)
   */
  void create(Account account);

  /** The account with this id. */
  Optional<Account> find(AccountId id);

  /** The account with this name; names are compared exactly (they are lower-case already). */
  Optional<Account> findByName(String name);

  /** Every account, ordered by name. */
  List<Account> list();

  /** Replaces the password hash; returns false if there is no such account. */
  boolean updatePasswordHash(AccountId id, @Nullable String passwordHash);

  /** Replaces the encrypted TOTP secret; returns false if there is no such account. */
  boolean updateTotpSecret(AccountId id, @Nullable OpaqueBytes totpSecret);

  /** The last TOTP time step this account used, or empty if it never used one. */
  OptionalLong lastTotpStep(AccountId id);

  /**
   * Records {@code step} as the account's last used TOTP step, only if it is later than the one
   * stored (one conditional update, so of two nodes accepting the same code only one wins).
   *
   * @return false if the step is not later than the last used one, or there is no such account
   */
  boolean useTotpStep(AccountId id, long step);

  /** Grants or withdraws administration; returns false if there is no such account. */
  boolean setAdmin(AccountId id, boolean admin);

  /** Disables an active account at {@code at}; returns false if it is missing or disabled. */
  boolean disable(AccountId id, Instant at);
}
