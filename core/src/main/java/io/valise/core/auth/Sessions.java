package io.valise.core.auth;

import io.valise.core.id.SessionId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * Starts sessions and computes when they end, from the injected {@link Clock}.
 *
 * <p>A request carrying a session token: {@link SessionToken#parse} it, look the record up by
 * {@link SessionToken#hash()}, refuse it unless {@link #status} is {@link SessionStatus#ACTIVE},
 * then store {@link #touch} if it differs from what was loaded. Start a new session (and delete the
 * old) whenever the account's privileges change, such as after the second factor.
 */
public final class Sessions {
  private final SessionPolicy policy;
  private final Clock clock;
  private final SecureRandom random;

  /** Sessions following {@code policy}. */
  public Sessions(SessionPolicy policy, Clock clock, SecureRandom random) {
    this.policy = policy;
    this.clock = clock;
    this.random = random;
  }

  /** A new session starting now, with a fresh public id. */
  public NewSession start() {
    Instant now = clock.instant();
    SessionToken token = SessionToken.generate(random);
    return new NewSession(
        token, new SessionRecord(token.hash(), now, now), SessionId.random(random));
  }

  /** When {@code record} ends if it sees no more activity: the earlier of the two limits. */
  public Instant expiresAt(SessionRecord record) {
    Instant idle = record.lastSeenAt().plus(policy.idleTimeout());
    Instant absolute = record.createdAt().plus(policy.absoluteLifetime());
    return idle.isBefore(absolute) ? idle : absolute;
  }

  /** Whether {@code record} is usable now; an end time is itself already past. */
  public SessionStatus status(SessionRecord record) {
    Instant now = clock.instant();
    if (!now.isBefore(record.createdAt().plus(policy.absoluteLifetime()))) {
      return SessionStatus.ABSOLUTE_EXPIRED;
    }
    if (!now.isBefore(record.lastSeenAt().plus(policy.idleTimeout()))) {
      return SessionStatus.IDLE_EXPIRED;
    }
    return SessionStatus.ACTIVE;
  }

  /**
   * {@code record} with activity recorded now; the same instance if the last recorded activity is
   * less than the touch granularity ago (or in the future, after a clock step back), so the caller
   * writes only when the result differs.
   *
   * @throws IllegalStateException if the session is not {@link SessionStatus#ACTIVE}
   */
  public SessionRecord touch(SessionRecord record) {
    SessionStatus status = status(record);
    if (status != SessionStatus.ACTIVE) {
      throw new IllegalStateException("Session is " + status + "; it cannot be touched");
    }
    Instant now = clock.instant();
    if (now.isBefore(record.lastSeenAt().plus(policy.touchGranularity()))) {
      return record;
    }
    return new SessionRecord(record.hash(), record.createdAt(), now);
  }
}
