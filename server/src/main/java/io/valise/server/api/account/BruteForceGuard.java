package io.valise.server.api.account;

import io.valise.core.auth.BanDecision;
import io.valise.core.auth.BruteForceDefence;
import io.valise.core.auth.BruteForceOutcome;
import io.valise.core.auth.BruteForceRepository;
import io.valise.core.auth.BruteForceRepository.Versioned;
import io.valise.core.auth.BruteForceState;
import io.valise.core.auth.BruteForceSubject;
import io.valise.core.auth.Offence;
import io.valise.server.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The brute-force defence on the shared store: checks bans before any credential is looked at,
 * records failures with optimistic writes (retried when another node wrote first), clears an
 * account's score after a success.
 */
public final class BruteForceGuard {
  private static final int ATTEMPTS = 5;

  private final BruteForceDefence defence;
  private final BruteForceRepository states;
  private final Clock clock;

  public BruteForceGuard(BruteForceDefence defence, BruteForceRepository states, Clock clock) {
    this.defence = defence;
    this.states = states;
    this.clock = clock;
  }

  /**
   * Refuses the attempt before any credential is checked if a subject is banned.
   *
   * @throws ApiException.TooManyRequests if any of the subjects is banned
   */
  public void requireNotBanned(List<BruteForceSubject> subjects) {
    BanDecision d = BanDecision.allowed();
    for (BruteForceSubject s : subjects) {
      d = d.stricter(defence.check(states.find(s.key()).state()));
    }
    refuseIfBanned(d);
  }

  /**
   * Records one failure against every subject.
   *
   * @throws ApiException.TooManyRequests if this failure started a ban
   */
  public void fail(List<BruteForceSubject> subjects, Offence offence) {
    BanDecision d = BanDecision.allowed();
    for (BruteForceSubject s : subjects) {
      d = d.stricter(record(s, offence));
    }
    refuseIfBanned(d);
  }

  /** After a success: clears the account's score (never the source's). */
  public void succeeded(BruteForceSubject.Account account) {
    for (int i = 0; i < ATTEMPTS; i++) {
      Versioned v = states.find(account.key());
      if (v.version() == 0) {
        return;
      }
      if (states.save(account.key(), defence.afterSuccess(v.state()), v.version())) {
        return;
      }
    }
  }

  private BanDecision record(BruteForceSubject s, Offence offence) {
    for (int i = 0; i < ATTEMPTS; i++) {
      Versioned v = states.find(s.key());
      BruteForceOutcome out = defence.recordFailure(s, v.state(), offence);
      BruteForceState next = out.state();
      if (next.equals(v.state()) || states.save(s.key(), next, v.version())) {
        return out.decision();
      }
    }
    // Five writers in a row came first: the subject is under heavy attack; refuse this attempt.
    return defence.check(states.find(s.key()).state());
  }

  private void refuseIfBanned(BanDecision d) {
    if (d instanceof BanDecision.Banned b) {
      Duration wait = b.retryAfter(clock.instant());
      throw new ApiException.TooManyRequests(wait);
    }
  }
}
