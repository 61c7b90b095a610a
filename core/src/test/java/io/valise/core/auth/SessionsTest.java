package io.valise.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final TestClock clock = TestClock.at(1_700_000_000L);
  private final Sessions sessions = new Sessions(SessionPolicy.DEFAULT, clock, new SecureRandom());

  @Test
  void newSessionIsActiveAndStoredByHash() {
    NewSession s = sessions.start();
    assertEquals(s.token().hash(), s.record().hash());
    assertEquals(SessionStatus.ACTIVE, sessions.status(s.record()));
    assertTrue(s.token().reveal().startsWith("vls_"));
    assertEquals(clock.instant().plus(Duration.ofMinutes(30)), sessions.expiresAt(s.record()));
  }

  @Test
  void idleSessionEnds() {
    SessionRecord r = sessions.start().record();
    clock.advance(Duration.ofMinutes(30).minusNanos(1));
    assertEquals(SessionStatus.ACTIVE, sessions.status(r));
    clock.advance(Duration.ofNanos(1));
    assertEquals(SessionStatus.IDLE_EXPIRED, sessions.status(r));
    assertThrows(IllegalStateException.class, () -> sessions.touch(r));
  }

  @Test
  void activeSessionStillEndsAtTheAbsoluteLimit() {
    Instant start = clock.instant();
    SessionRecord r = sessions.start().record();
    for (int i = 0; i < 12 * 6; i++) {
      clock.advance(Duration.ofMinutes(10));
      if (sessions.status(r) != SessionStatus.ACTIVE) {
        break;
      }
      r = sessions.touch(r);
    }
    assertEquals(SessionStatus.ABSOLUTE_EXPIRED, sessions.status(r));
    assertEquals(start.plus(Duration.ofHours(12)), sessions.expiresAt(r));
  }

  @Test
  void touchWritesAtMostOncePerGranularity() {
    SessionRecord r = sessions.start().record();
    clock.advance(Duration.ofSeconds(59));
    assertSame(r, sessions.touch(r));
    clock.advance(Duration.ofSeconds(1));
    SessionRecord t = sessions.touch(r);
    assertEquals(clock.instant(), t.lastSeenAt());
    assertEquals(r.createdAt(), t.createdAt());
  }

  /** Property: whatever the activity, a session is usable iff now is before expiresAt. */
  @Test
  void statusAgreesWithExpiresAt() {
    long seed = 7_2026L;
    Random random = new Random(seed);
    for (int run = 0; run < 200; run++) {
      SessionRecord r = sessions.start().record();
      for (int step = 0; step < 50; step++) {
        clock.advance(Duration.ofSeconds(random.nextInt(40 * 60)));
        boolean active = sessions.status(r) == SessionStatus.ACTIVE;
        assertEquals(
            clock.instant().isBefore(sessions.expiresAt(r)),
            active,
            "seed " + seed + " run " + run + " step " + step);
        if (!active) {
          break;
        }
        r = sessions.touch(r);
      }
    }
  }

  @Test
  void policyIsChecked() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SessionPolicy(Duration.ofHours(2), Duration.ofHours(1), Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SessionPolicy(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(1)));
  }
}
