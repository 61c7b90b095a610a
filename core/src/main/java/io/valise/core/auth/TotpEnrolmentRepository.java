package io.valise.core.auth;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.TotpEnrolmentId;
import java.time.Instant;
import java.util.Optional;

/**
 * TOTP secrets an account is enrolling: generated, shown once to their owner, and waiting for a
 * first code before they become the account's second factor. An account has at most one. The secret
 * is stored sealed (opaque bytes the server encrypted), never in clear. All methods throw {@link
 * io.valise.core.tx.StoreException} when the store fails and join the caller's transaction if there
 * is one.
 */
public interface TotpEnrolmentRepository {
  /**
   * Stores {@code pending}, replacing any earlier enrolment of the same account.
   *
   * @throws io.valise.core.tx.UnknownReferenceException if the account is missing
   */
  void replace(PendingTotp pending);

  /** The enrolment {@code id} of {@code account} (another account's: empty), expired or not. */
  Optional<PendingTotp> find(AccountId account, TotpEnrolmentId id);

  /** Deletes an enrolment; false if there was none, so of two confirmations only one wins. */
  boolean delete(TotpEnrolmentId id);

  /** Deletes every enrolment that expired at or before {@code now}; returns how many. */
  int deleteExpired(Instant now);

  /**
   * A pending enrolment.
   *
   * @param sealedSecret the TOTP secret as the server sealed it
   * @param expiresAt from then on it can no longer be confirmed
   */
  record PendingTotp(
      TotpEnrolmentId id,
      AccountId account,
      OpaqueBytes sealedSecret,
      Instant createdAt,
      Instant expiresAt) {
    /**
     * @throws IllegalArgumentException if it expires before it was created
     */
    public PendingTotp {
      if (!expiresAt.isAfter(createdAt)) {
        throw new IllegalArgumentException(
            "Enrolment expires [%s] before it was created [%s]".formatted(expiresAt, createdAt));
      }
    }
  }
}
