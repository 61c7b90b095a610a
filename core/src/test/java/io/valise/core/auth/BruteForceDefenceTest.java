package io.valise.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BruteForceDefenceTest {
  private static final BruteForceSubject SOURCE = new BruteForceSubject.Source("ip4:192.0.2.1");
  private static final BruteForceSubject ACCOUNT = new BruteForceSubject.Account("42");

  private final TestClock clock = TestClock.at(1_700_000_000L);
  private final BruteForceDefence defence = new BruteForceDefence(BruteForcePolicy.DEFAULT, clock);

  private BruteForceOutcome fail(BruteForceSubject subject, BruteForceState state, Offence o) {
    return defence.recordFailure(subject, state, o);
  }

  @Test
  void tenFailedLoginsFromOneAddressBanItForOneMinute() {
    BruteForceState s = BruteForceState.CLEAN;
    for (int i = 1; i < 10; i++) {
      BruteForceOutcome out = fail(SOURCE, s, Offence.FAILED_LOGIN);
      assertFalse(out.decision().banned(), "failure " + i);
      s = out.state();
    }
    BruteForceOutcome tenth = fail(SOURCE, s, Offence.FAILED_LOGIN);
    BanDecision.Banned ban = assertInstanceOf(BanDecision.Banned.class, tenth.decision());
    assertEquals(clock.instant().plus(Duration.ofMinutes(1)), ban.until());
    assertEquals(1, ban.strike());
    assertTrue(defence.check(tenth.state()).banned());
    clock.advance(Duration.ofSeconds(59));
    assertTrue(defence.check(tenth.state()).banned());
    clock.advance(Duration.ofSeconds(1));
    assertFalse(defence.check(tenth.state()).banned());
  }

  @Test
  void accountsNeedTwiceAsManyAndBadTokensWeighDouble() {
    BruteForceState account = BruteForceState.CLEAN;
    for (int i = 1; i < 20; i++) {
      account = fail(ACCOUNT, account, Offence.FAILED_LOGIN).state();
    }
    assertTrue(fail(ACCOUNT, account, Offence.FAILED_LOGIN).decision().banned());
    BruteForceState source = BruteForceState.CLEAN;
    for (int i = 1; i < 5; i++) {
      source = fail(SOURCE, source, Offence.BAD_TOKEN).state();
    }
    assertTrue(fail(SOURCE, source, Offence.BAD_TOKEN).decision().banned());
  }

  @Test
  void repeatOffencesGetLongerBansUpToADay() {
    List<Duration> expected =
        List.of(
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(24),
            Duration.ofHours(24));
    BruteForceState s = BruteForceState.CLEAN;
    for (Duration want : expected) {
      BruteForceOutcome out;
      do {
        out = fail(SOURCE, s, Offence.FAILED_LOGIN);
        s = out.state();
      } while (!out.decision().banned());
      BanDecision.Banned ban = (BanDecision.Banned) out.decision();
      assertEquals(want, Duration.between(clock.instant(), ban.until()));
      clock.set(ban.until());
    }
  }

  @Test
  void strikesAreForgottenADayAfterTheBanEnds() {
    BruteForceState s = banned(BruteForceState.CLEAN);
    BanDecision.Banned first = (BanDecision.Banned) defence.check(s);
    clock.set(first.until().plus(Duration.ofHours(24)).minusSeconds(1));
    assertEquals(2, ((BanDecision.Banned) defence.check(banned(s))).strike());
    clock.set(first.until().plus(Duration.ofHours(24)));
    assertEquals(1, ((BanDecision.Banned) defence.check(banned(s))).strike());
  }

  @Test
  void failuresDuringABanChangeNothing() {
    BruteForceState s = banned(BruteForceState.CLEAN);
    BruteForceOutcome out = fail(SOURCE, s, Offence.FAILED_LOGIN);
    assertEquals(s, out.state());
    assertTrue(out.decision().banned());
  }

  @Test
  void scoresDecayOnePointPerThreeMinutes() {
    BruteForceState s = BruteForceState.CLEAN;
    for (int i = 0; i < 9; i++) {
      s = fail(SOURCE, s, Offence.FAILED_LOGIN).state();
    }
    clock.advance(Duration.ofMinutes(3));
    assertEquals(8, defence.settle(s).score());
    clock.advance(Duration.ofMinutes(24).minusSeconds(1));
    assertEquals(1, defence.settle(s).score());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(0, defence.settle(s).score());
    assertTrue(defence.isForgotten(s));
  }

  @Test
  void successClearsTheAccountScoreButNotItsBan() {
    BruteForceState s = BruteForceState.CLEAN;
    for (int i = 0; i < 19; i++) {
      s = fail(ACCOUNT, s, Offence.FAILED_LOGIN).state();
    }
    BruteForceState cleared = defence.afterSuccess(s);
    assertEquals(0, cleared.score());
    assertFalse(fail(ACCOUNT, cleared, Offence.FAILED_LOGIN).decision().banned());
    BruteForceState b = banned(BruteForceState.CLEAN);
    assertTrue(defence.check(defence.afterSuccess(b)).banned());
  }

  @Test
  void disabledPolicyNeverBansNorChangesState() {
    BruteForceDefence off = new BruteForceDefence(BruteForcePolicy.DEFAULT.disabled(), clock);
    BruteForceState s = BruteForceState.CLEAN;
    for (int i = 0; i < 1000; i++) {
      BruteForceOutcome out = off.recordFailure(SOURCE, s, Offence.BAD_TOKEN);
      assertFalse(out.decision().banned());
      assertEquals(BruteForceState.CLEAN, out.state());
    }
  }

  @Test
  void clockSteppingBackDoesNotForgive() {
    BruteForceState s = BruteForceState.CLEAN;
    for (int i = 0; i < 5; i++) {
      s = fail(SOURCE, s, Offence.FAILED_LOGIN).state();
    }
    clock.advance(Duration.ofHours(-1));
    assertEquals(5, defence.settle(s).score());
    BruteForcePolicy custom =
        new BruteForcePolicy(
            true,
            1,
            1,
            1,
            Map.of(
                Offence.FAILED_LOGIN, 1,
                Offence.FAILED_SECOND_FACTOR, 1,
                Offence.BAD_TOKEN, 1,
                Offence.BAD_SHARE_PASSWORD, 1),
            Duration.ofSeconds(1),
            List.of(Duration.ofSeconds(1)),
            Duration.ZERO);
    assertTrue(
        new BruteForceDefence(custom, clock)
            .recordFailure(SOURCE, BruteForceState.CLEAN, Offence.FAILED_LOGIN)
            .decision()
            .banned());
  }

  /** Fails {@code state} as a source until it is banned. */
  private BruteForceState banned(BruteForceState state) {
    BruteForceState s = state;
    while (true) {
      BruteForceOutcome out = fail(SOURCE, s, Offence.FAILED_LOGIN);
      s = out.state();
      if (out.decision().banned()) {
        return s;
      }
    }
  }
}
