package io.valise.core.auth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a store keeps per {@link BruteForceSubject}: small, plain values, so it can live in one
 * database row and every node sees the same. Write it back with an optimistic check (update where
 * the row still holds what was read) so two nodes scoring at once do not lose a failure.
 *
 * @param score points not yet forgiven, below the subject's threshold
 * @param scoreAt instant up to which decay has been applied to {@code score}
 * @param strikes bans remembered, which set the length of the next one
 * @param bannedUntil end of the last remembered ban, past or future; null if none
 */
public record BruteForceState(
    int score, Instant scoreAt, int strikes, @Nullable Instant bannedUntil) {

  /** A subject never seen, or forgotten. */
  public static final BruteForceState CLEAN = new BruteForceState(0, Instant.EPOCH, 0, null);

  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException if a count is negative, or strikes and ban disagree
   */
  public BruteForceState {
    if (score < 0 || strikes < 0) {
      throw new IllegalArgumentException(
          "Brute-force score [%d] and strikes [%d] must not be negative".formatted(score, strikes));
    }
    if ((strikes == 0) != (bannedUntil == null)) {
      throw new IllegalArgumentException("Brute-force strikes and ban end must be set together");
    }
  }
}
