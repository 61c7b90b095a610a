package io.valise.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Scores failed authentication attempts and bans subjects whose score reaches the threshold. Pure
 * logic: state comes in and goes out as {@link BruteForceState}, so a store keeps it in the
 * database and the defence holds across nodes.
 *
 * <p>Per attempt, for the account (if named), the share link (if any) and the source bucket: load
 * each state, {@link #check} it, and refuse the attempt before checking any credential if the
 * {@link BanDecision#stricter combined} decision is banned. After a failure, {@link #recordFailure}
 * for each subject and store the new states. After a success, store {@link #afterSuccess} for the
 * account only: a source's score is never cleared by a success, or one valid account would let an
 * address guess others freely.
 *
 * <p>Scores decay by one point per {@link BruteForcePolicy#decayInterval()}. Reaching the threshold
 * starts a ban whose length grows with each strike ({@link BruteForcePolicy#banDuration}) and
 * resets the score; strikes are forgotten {@link BruteForcePolicy#strikeMemory()} after the last
 * ban ends. A clock that steps back is treated as no time passing. Thread-safe.
 */
public final class BruteForceDefence {
  private final BruteForcePolicy policy;
  private final Clock clock;

  /** A defence following {@code policy} with time from {@code clock}. */
  public BruteForceDefence(BruteForcePolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  /** Whether the subject whose state is {@code state} is banned now. */
  public BanDecision check(BruteForceState state) {
    return policy.enabled() ? current(state, clock.instant()) : BanDecision.allowed();
  }

  /**
   * Scores one {@code offence} by {@code subject}. While a ban runs, the state is returned
   * unchanged (the attempt should have been refused before it could fail).
   */
  public BruteForceOutcome recordFailure(
      BruteForceSubject subject, BruteForceState state, Offence offence) {
    if (!policy.enabled()) {
      return new BruteForceOutcome(state, BanDecision.allowed());
    }
    Instant now = clock.instant();
    BanDecision running = current(state, now);
    if (running.banned()) {
      return new BruteForceOutcome(state, running);
    }
    BruteForceState s = settle(state, now);
    long score = (long) s.score() + policy.weightOf(offence);
    if (score < policy.thresholdFor(subject)) {
      return new BruteForceOutcome(
          new BruteForceState((int) score, s.scoreAt(), s.strikes(), s.bannedUntil()),
          BanDecision.allowed());
    }
    int strike = Math.addExact(s.strikes(), 1);
    Instant until = now.plus(policy.banDuration(strike));
    return new BruteForceOutcome(
        new BruteForceState(0, now, strike, until), new BanDecision.Banned(until, strike));
  }

  /**
   * The state after a successful authentication: score cleared, strikes and any ban kept. Apply it
   * to the account that authenticated, never to the source.
   */
  public BruteForceState afterSuccess(BruteForceState state) {
    if (!policy.enabled()) {
      return state;
    }
    Instant now = clock.instant();
    BruteForceState s = settle(state, now);
    return new BruteForceState(0, now, s.strikes(), s.bannedUntil());
  }

  /**
   * {@code state} with decay and strike memory applied up to now, without a new failure. Deciding
   * on the settled state or the original gives the same result now and later.
   */
  public BruteForceState settle(BruteForceState state) {
    return settle(state, clock.instant());
  }

  /** Whether {@code state} holds nothing any more, so the store may delete it. */
  public boolean isForgotten(BruteForceState state) {
    BruteForceState s = settle(state, clock.instant());
    return s.score() == 0 && s.strikes() == 0;
  }

  private BanDecision current(BruteForceState state, Instant now) {
    Instant until = state.bannedUntil();
    return until != null && now.isBefore(until)
        ? new BanDecision.Banned(until, state.strikes())
        : BanDecision.allowed();
  }

  private BruteForceState settle(BruteForceState state, Instant now) {
    int strikes = state.strikes();
    @Nullable Instant bannedUntil = state.bannedUntil();
    if (bannedUntil != null && !now.isBefore(bannedUntil.plus(policy.strikeMemory()))) {
      strikes = 0;
      bannedUntil = null;
    }
    Duration elapsed = Duration.between(state.scoreAt(), now);
    if (elapsed.isNegative()) {
      return new BruteForceState(state.score(), state.scoreAt(), strikes, bannedUntil);
    }
    if (elapsed.compareTo(policy.decayInterval().multipliedBy(state.score())) >= 0) {
      return new BruteForceState(0, now, strikes, bannedUntil);
    }
    long forgiven = elapsed.dividedBy(policy.decayInterval());
    // Keep the part of an interval already elapsed, so deciding often does not slow decay.
    Instant scoreAt = state.scoreAt().plus(policy.decayInterval().multipliedBy(forgiven));
    return new BruteForceState((int) (state.score() - forgiven), scoreAt, strikes, bannedUntil);
  }
}
