package io.valise.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random runs of the brute-force defence against a clock the test moves. */
class BruteForcePropertiesTest {
  private static final long SEED = 0x5EED_B0A7L;
  private static final int RUNS = 300;
  private static final int STEPS = 200;
  private static final BruteForcePolicy POLICY = BruteForcePolicy.DEFAULT;
  private static final BruteForceSubject[] SUBJECTS = {
    new BruteForceSubject.Account("a"),
    new BruteForceSubject.Source("ip6:2001:db8:0:1::/64"),
    new BruteForceSubject.ShareLink("l")
  };
  private static final Offence[] OFFENCES = Offence.values();

  private static Duration randomGap(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> Duration.ZERO;
      case 1 -> Duration.ofSeconds(r.nextInt(60));
      case 2 -> Duration.ofMinutes(r.nextInt(30));
      default -> Duration.ofHours(r.nextInt(30));
    };
  }

  /** Scores stay in range, bans last exactly the policy's length, and strikes only grow by one. */
  @Test
  void invariantsHoldOverRandomHistories() {
    Random r = new Random(SEED);
    for (int run = 0; run < RUNS; run++) {
      TestClock clock = TestClock.at(1_700_000_000L);
      BruteForceDefence defence = new BruteForceDefence(POLICY, clock);
      BruteForceSubject subject = SUBJECTS[r.nextInt(SUBJECTS.length)];
      BruteForceState s = BruteForceState.CLEAN;
      for (int step = 0; step < STEPS; step++) {
        String at = "seed " + SEED + " run " + run + " step " + step;
        clock.advance(randomGap(r));
        boolean bannedBefore = defence.check(s).banned();
        BruteForceOutcome out =
            defence.recordFailure(subject, s, OFFENCES[r.nextInt(OFFENCES.length)]);
        BruteForceState next = out.state();
        assertTrue(next.score() >= 0 && next.score() < POLICY.thresholdFor(subject), at);
        if (bannedBefore) {
          assertEquals(s, next, at);
        } else if (out.decision() instanceof BanDecision.Banned ban) {
          assertEquals(0, next.score(), at);
          assertTrue(ban.strike() == 1 || ban.strike() == s.strikes() + 1, at);
          assertEquals(
              POLICY.banDuration(ban.strike()), Duration.between(clock.instant(), ban.until()), at);
          assertEquals(ban, defence.check(next), at);
        }
        s = next;
      }
    }
  }

  /**
   * Settling (as a node does when it only reads) at random moments changes no later decision: two
   * nodes that look at a subject at different times agree.
   */
  @Test
  void settlingInBetweenChangesNothing() {
    Random r = new Random(SEED + 1);
    for (int run = 0; run < RUNS; run++) {
      TestClock clock = TestClock.at(1_700_000_000L);
      BruteForceDefence defence = new BruteForceDefence(POLICY, clock);
      BruteForceSubject subject = SUBJECTS[r.nextInt(SUBJECTS.length)];
      BruteForceState plain = BruteForceState.CLEAN;
      BruteForceState settled = BruteForceState.CLEAN;
      for (int step = 0; step < STEPS; step++) {
        String at = "seed " + (SEED + 1) + " run " + run + " step " + step;
        clock.advance(randomGap(r));
        if (r.nextBoolean()) {
          settled = defence.settle(settled);
          continue;
        }
        Offence o = OFFENCES[r.nextInt(OFFENCES.length)];
        BruteForceOutcome a = defence.recordFailure(subject, plain, o);
        BruteForceOutcome b = defence.recordFailure(subject, settled, o);
        assertEquals(a.decision(), b.decision(), at);
        assertEquals(defence.settle(a.state()), defence.settle(b.state()), at);
        plain = a.state();
        settled = b.state();
      }
    }
  }

  /** Whoever fails no faster than decay forgives is never banned, whatever the offence. */
  @Test
  void slowFailuresAreNeverBanned() {
    Random r = new Random(SEED + 2);
    for (int run = 0; run < RUNS; run++) {
      TestClock clock = TestClock.at(1_700_000_000L);
      BruteForceDefence defence = new BruteForceDefence(POLICY, clock);
      BruteForceSubject subject = SUBJECTS[r.nextInt(SUBJECTS.length)];
      BruteForceState s = BruteForceState.CLEAN;
      for (int step = 0; step < STEPS; step++) {
        Offence o = OFFENCES[r.nextInt(OFFENCES.length)];
        BruteForceOutcome out = defence.recordFailure(subject, s, o);
        assertFalse(
            out.decision().banned(), "seed " + (SEED + 2) + " run " + run + " step " + step);
        s = out.state();
        int weight = POLICY.weightOf(o);
        clock.advance(POLICY.decayInterval().multipliedBy(weight).plusSeconds(r.nextInt(600)));
      }
    }
  }

  /** Failures in a burst ban by the failure whose points reach the threshold, never later. */
  @Test
  void burstsAreBannedAtTheThreshold() {
    Random r = new Random(SEED + 3);
    for (int run = 0; run < RUNS; run++) {
      TestClock clock = TestClock.at(1_700_000_000L);
      BruteForceDefence defence = new BruteForceDefence(POLICY, clock);
      BruteForceSubject subject = SUBJECTS[r.nextInt(SUBJECTS.length)];
      BruteForceState s = BruteForceState.CLEAN;
      int points = 0;
      while (true) {
        Offence o = OFFENCES[r.nextInt(OFFENCES.length)];
        points += POLICY.weightOf(o);
        BruteForceOutcome out = defence.recordFailure(subject, s, o);
        s = out.state();
        assertEquals(
            points >= POLICY.thresholdFor(subject),
            out.decision().banned(),
            "seed " + (SEED + 3) + " run " + run + " points " + points);
        if (out.decision().banned()) {
          break;
        }
        clock.advance(Duration.ofSeconds(r.nextInt(3)));
      }
    }
  }

  /** After a quiet spell longer than any score, ban and memory, the state can be deleted. */
  @Test
  void quietSubjectsAreForgotten() {
    Random r = new Random(SEED + 4);
    Duration quiet =
        POLICY
            .decayInterval()
            .multipliedBy(POLICY.accountThreshold())
            .plus(POLICY.banDuration(Integer.MAX_VALUE))
            .plus(POLICY.strikeMemory());
    for (int run = 0; run < RUNS; run++) {
      TestClock clock = TestClock.at(1_700_000_000L);
      BruteForceDefence defence = new BruteForceDefence(POLICY, clock);
      BruteForceSubject subject = SUBJECTS[r.nextInt(SUBJECTS.length)];
      BruteForceState s = BruteForceState.CLEAN;
      for (int step = 0; step < STEPS; step++) {
        clock.advance(randomGap(r));
        s = defence.recordFailure(subject, s, OFFENCES[r.nextInt(OFFENCES.length)]).state();
      }
      clock.advance(quiet);
      assertTrue(defence.isForgotten(s), "seed " + (SEED + 4) + " run " + run);
      assertEquals(BanDecision.allowed(), defence.check(s));
      assertEquals(0, defence.settle(s).strikes());
      assertTrue(defence.settle(s).scoreAt().equals(clock.instant()));
      assertFalse(clock.instant().isBefore(Instant.EPOCH));
    }
  }
}
