package io.valise.core.auth;

import java.time.Duration;

/**
 * When sessions end.
 *
 * <p>Defaults: 30 minutes idle and 12 hours absolute, a working day on a shared hospital
 * workstation; OWASP's session cheat sheet suggests 15 to 30 minutes idle and 4 to 8 hours absolute
 * for high-value applications, and a person who leaves the desk is the usual risk here. Activity is
 * recorded at most once per {@code touchGranularity} so a busy session does not write to the store
 * on every request.
 *
 * @param idleTimeout a session unused this long has ended
 * @param absoluteLifetime a session this old has ended however active
 * @param touchGranularity activity closer than this to the last recorded one is not recorded
 */
public record SessionPolicy(
    Duration idleTimeout, Duration absoluteLifetime, Duration touchGranularity) {

  /** 30 minutes idle, 12 hours absolute, activity recorded at most once a minute. */
  public static final SessionPolicy DEFAULT =
      new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofMinutes(1));

  /**
   * Checks the durations.
   *
   * @throws IllegalArgumentException unless {@code 0 <= touchGranularity < idleTimeout <=
   *     absoluteLifetime}
   */
  public SessionPolicy {
    if (touchGranularity.isNegative()
        || touchGranularity.compareTo(idleTimeout) >= 0
        || idleTimeout.compareTo(absoluteLifetime) > 0) {
      throw new IllegalArgumentException(
          "Session policy needs 0 <= touch [%s] < idle [%s] <= absolute [%s]"
              .formatted(touchGranularity, idleTimeout, absoluteLifetime));
    }
  }
}
