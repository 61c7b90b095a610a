package io.valise.core.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a subject may attempt to authenticate now. A banned attempt is refused before any
 * credential is checked, with a {@code Retry-After} of {@link Banned#retryAfter(Instant)}.
 */
public sealed interface BanDecision {
  /** The decision that lets an attempt through. */
  static BanDecision allowed() {
    return Allowed.INSTANCE;
  }

  /** Whether attempts are refused. */
  default boolean banned() {
    return this instanceof Banned;
  }

  /**
   * The stricter of this and {@code other}: the one banned longer, so the account's and the
   * source's decisions combine into one.
   */
  default BanDecision stricter(BanDecision other) {
    return switch (this) {
      case Allowed a -> other;
      case Banned mine ->
          other instanceof Banned theirs && theirs.until().isAfter(mine.until()) ? theirs : mine;
    };
  }

  /** Attempts are let through. */
  record Allowed() implements BanDecision {
    private static final Allowed INSTANCE = new Allowed();
  }

  /**
   * Attempts are refused until {@code until}.
   *
   * @param until first instant at which attempts are allowed again
   * @param strike 1 for a first ban, 2 for the next while strikes are remembered, and so on
   */
  record Banned(Instant until, int strike) implements BanDecision {
    /** Time left at {@code now}, zero if already over. */
    public Duration retryAfter(Instant now) {
      Duration left = Duration.between(now, until);
      return left.isNegative() ? Duration.ZERO : left;
    }
  }
}
