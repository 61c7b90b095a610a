package io.valise.core.auth;

import java.time.Instant;

/**
 * What the store keeps of a session: the token's hash and two times. The account is the store's
 * business.
 *
 * @param hash SHA-256 of the session token
 * @param createdAt sign-in time, which bounds the absolute lifetime
 * @param lastSeenAt last recorded activity, not before {@code createdAt}
 */
public record SessionRecord(TokenHash hash, Instant createdAt, Instant lastSeenAt) {

  /**
   * Checks the times.
   *
   * @throws IllegalArgumentException if {@code lastSeenAt} is before {@code createdAt}
   */
  public SessionRecord {
    if (lastSeenAt.isBefore(createdAt)) {
      throw new IllegalArgumentException(
          "Session last seen [%s] before creation [%s]".formatted(lastSeenAt, createdAt));
    }
  }
}
