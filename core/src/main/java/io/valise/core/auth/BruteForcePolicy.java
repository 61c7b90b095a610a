package io.valise.core.auth;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How failures are scored and banned. On by default; see {@link #DEFAULT} for the values and why.
 *
 * @param enabled when false nothing is scored and nothing is banned
 * @param accountThreshold score at which an account is banned
 * @param sourceThreshold score at which a source address bucket is banned
 * @param shareLinkThreshold score at which a share link is banned
 * @param weights points each offence adds, one entry per {@link Offence}, each at least 1
 * @param decayInterval one point is forgiven per interval without failures
 * @param banDurations length of the first, second, ... ban; the last repeats; non-decreasing
 * @param strikeMemory how long after a ban ends it still counts towards a longer next ban
 */
public record BruteForcePolicy(
    boolean enabled,
    int accountThreshold,
    int sourceThreshold,
    int shareLinkThreshold,
    Map<Offence, Integer> weights,
    Duration decayInterval,
    List<Duration> banDurations,
    Duration strikeMemory) {

  /**
   * On; a source is banned at 10 points, an account or a share link at 20; a bad token weighs 2
   * (clients that hold a token rarely get it wrong by accident), every other failure 1; one point
   * is forgiven every 3 minutes; bans last 1 min, 5 min, 30 min, 2 h, then 24 h each, and a ban is
   * remembered for 24 h after it ends.
   *
   * <p>Accounts and links get a higher threshold than sources because anyone can fail logins for
   * someone else's account: a ban on an account also locks its owner out, so it should only start
   * when many addresses guess together.
   */
  public static final BruteForcePolicy DEFAULT =
      new BruteForcePolicy(
          true,
          20,
          10,
          20,
          Map.of(
              Offence.FAILED_LOGIN, 1,
              Offence.FAILED_SECOND_FACTOR, 1,
              Offence.BAD_TOKEN, 2,
              Offence.BAD_SHARE_PASSWORD, 1),
          Duration.ofMinutes(3),
          List.of(
              Duration.ofMinutes(1),
              Duration.ofMinutes(5),
              Duration.ofMinutes(30),
              Duration.ofHours(2),
              Duration.ofHours(24)),
          Duration.ofHours(24));

  /**
   * Checks and copies the values.
   *
   * @throws IllegalArgumentException naming the value that is out of range
   */
  public BruteForcePolicy {
    if (accountThreshold < 1 || sourceThreshold < 1 || shareLinkThreshold < 1) {
      throw new IllegalArgumentException("Brute-force thresholds must be at least 1");
    }
    EnumMap<Offence, Integer> w = new EnumMap<>(Offence.class);
    w.putAll(weights);
    for (Offence o : Offence.values()) {
      Integer v = w.get(o);
      if (v == null || v < 1 || v > 1000) {
        throw new IllegalArgumentException(
            "Brute-force weight of [%s] not in [1, 1000]".formatted(o));
      }
    }
    weights = Map.copyOf(w);
    if (!decayInterval.isPositive()) {
      throw new IllegalArgumentException("Brute-force decay interval must be positive");
    }
    if (banDurations.isEmpty()) {
      throw new IllegalArgumentException("Brute-force ban durations must not be empty");
    }
    for (int i = 0; i < banDurations.size(); i++) {
      Duration d = banDurations.get(i);
      if (!d.isPositive() || (i > 0 && d.compareTo(banDurations.get(i - 1)) < 0)) {
        throw new IllegalArgumentException(
            "Brute-force ban durations must be positive and non-decreasing: [%s] at [%d]"
                .formatted(d, i));
      }
    }
    banDurations = List.copyOf(banDurations);
    if (strikeMemory.isNegative()) {
      throw new IllegalArgumentException("Brute-force strike memory must not be negative");
    }
  }

  /** This policy switched off. */
  public BruteForcePolicy disabled() {
    return new BruteForcePolicy(
        false,
        accountThreshold,
        sourceThreshold,
        shareLinkThreshold,
        weights,
        decayInterval,
        banDurations,
        strikeMemory);
  }

  /** The threshold for {@code subject}'s kind. */
  public int thresholdFor(BruteForceSubject subject) {
    return switch (subject) {
      case BruteForceSubject.Account a -> accountThreshold;
      case BruteForceSubject.Source s -> sourceThreshold;
      case BruteForceSubject.ShareLink l -> shareLinkThreshold;
    };
  }

  /** Points {@code offence} adds. */
  public int weightOf(Offence offence) {
    Integer w = weights.get(offence);
    if (w == null) {
      throw new IllegalStateException("Checked in the constructor");
    }
    return w;
  }

  /** Length of ban number {@code strike} (1-based). */
  public Duration banDuration(int strike) {
    return banDurations.get(Math.min(Math.max(strike, 1), banDurations.size()) - 1);
  }
}
