package io.valise.core.passkey;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.ChallengeId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A challenge the server gave a browser for one WebAuthn ceremony. It is kept in the store, not in
 * a node's memory, so that any node can finish the ceremony, and is consumed by its first use.
 *
 * @param account the signed-in account a registration is for; null for a sign-in, whose account the
 *     credential names
 * @param challenge the random bytes the authenticator signs over, {@link #MIN_BYTES} to {@link
 *     #MAX_BYTES}
 * @param expiresAt the end of its use
 */
public record WebAuthnChallenge(
    ChallengeId id,
    ChallengePurpose purpose,
    @Nullable AccountId account,
    OpaqueBytes challenge,
    Instant expiresAt) {
  /** WebAuthn asks for at least 16 random bytes. */
  public static final int MIN_BYTES = 16;

  public static final int MAX_BYTES = 64;

  /**
   * @throws IllegalArgumentException if the bytes are too few or too many, or a registration
   *     challenge names no account
   */
  public WebAuthnChallenge {
    if (challenge.length() < MIN_BYTES || challenge.length() > MAX_BYTES) {
      throw new IllegalArgumentException(
          "Challenge has [%d] bytes, expected [%d] to [%d]"
              .formatted(challenge.length(), MIN_BYTES, MAX_BYTES));
    }
    if (purpose == ChallengePurpose.REGISTRATION && account == null) {
      throw new IllegalArgumentException("A registration challenge must name its account");
    }
  }

  /** Whether it can no longer be used at {@code now}. */
  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
