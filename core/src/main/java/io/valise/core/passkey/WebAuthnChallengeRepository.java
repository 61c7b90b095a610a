package io.valise.core.passkey;

import io.valise.core.id.ChallengeId;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores the challenges of WebAuthn ceremonies between their two requests. All methods throw {@link
 * io.valise.core.tx.StoreException} when the store fails, and join the caller's transaction if
 * there is one.
 */
public interface WebAuthnChallengeRepository {
  /**
   * Stores a new challenge.
   *
   * @throws io.valise.core.tx.ConflictException if the id is taken
   * @throws io.valise.core.tx.UnknownReferenceException if the account is missing
   */
  void create(WebAuthnChallenge challenge);

  /**
   * Consumes a challenge: deletes it and returns it, expired or not (the caller checks). Of two
   * calls with the same id, on any nodes, at most one gets it, so a challenge serves one ceremony.
   */
  Optional<WebAuthnChallenge> take(ChallengeId id);

  /** Deletes the challenges that expired at or before {@code now}; returns how many. */
  int deleteExpired(Instant now);
}
