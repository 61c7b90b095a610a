package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.auth.BruteForceRepository;
import io.valise.core.auth.BruteForceRepository.Versioned;
import io.valise.core.auth.BruteForceState;
import io.valise.core.auth.SessionRecord;
import io.valise.core.auth.SessionRepository;
import io.valise.core.auth.SessionRepository.StoredSession;
import io.valise.core.auth.TokenHash;
import io.valise.core.id.AccountId;
import io.valise.core.tx.UnknownReferenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionBruteForceContractTest extends StoreTest {
  private TokenHash hash() {
    byte[] b = new byte[TokenHash.BYTES];
    random.nextBytes(b);
    return TokenHash.of(b);
  }

  @Test
  void sessionsAreFoundByHashTouchedAndDeleted() {
    SessionRepository sessions = store().sessions();
    AccountId alice = account("alice").id();
    TokenHash h = hash();
    SessionRecord r = new SessionRecord(h, clock.instant(), clock.instant());
    sessions.create(alice, r);

    assertEquals(Optional.of(new StoredSession(alice, r)), sessions.find(h));
    assertEquals(Optional.empty(), sessions.find(hash()));
    Instant later = clock.instant().plus(Duration.ofMinutes(5));
    assertTrue(sessions.touch(h, later));
    assertEquals(later, sessions.find(h).orElseThrow().record().lastSeenAt());
    assertEquals(0, sessions.deleteIdleSince(later));
    assertEquals(1, sessions.deleteIdleSince(later.plusMillis(1)));
    assertFalse(sessions.delete(h));
    assertThrows(
        UnknownReferenceException.class,
        () -> sessions.create(AccountId.random(random), new SessionRecord(hash(), START, START)));
  }

  @Test
  void endedSessionsAreDeletedByIdleOrAbsoluteCutoff() {
    SessionRepository sessions = store().sessions();
    AccountId alice = account("alice").id();
    TokenHash old = hash();
    TokenHash idle = hash();
    TokenHash live = hash();
    Instant hourAgo = START.minus(Duration.ofHours(1));
    Instant hourOn = START.plus(Duration.ofHours(1));
    Instant twoOn = START.plus(Duration.ofHours(2));
    sessions.create(alice, new SessionRecord(old, hourAgo, START.plus(Duration.ofHours(11))));
    sessions.create(alice, new SessionRecord(idle, START, hourOn));
    sessions.create(alice, new SessionRecord(live, twoOn, twoOn));

    assertEquals(0, sessions.deleteEnded(hourAgo.minusMillis(1), hourAgo.minusMillis(1)));
    // At or before a cutoff counts: idle was last seen at hourOn, old was created at hourAgo.
    assertEquals(2, sessions.deleteEnded(hourOn, hourAgo));
    assertTrue(sessions.find(old).isEmpty());
    assertTrue(sessions.find(idle).isEmpty());
    assertTrue(sessions.find(live).isPresent());
  }

  @Test
  void bruteForceWritesAreOptimistic() {
    BruteForceRepository states = store().bruteForce();
    assertEquals(Versioned.NONE, states.find("source:192.0.2.1"));
    BruteForceState one = new BruteForceState(1, START, 0, null);
    assertTrue(states.save("source:192.0.2.1", one, 0));
    assertFalse(states.save("source:192.0.2.1", one, 0), "a second insert loses");
    Versioned v = states.find("source:192.0.2.1");
    assertEquals(one, v.state());

    BruteForceState banned = new BruteForceState(0, START, 1, START.plusSeconds(60));
    assertTrue(states.save("source:192.0.2.1", banned, v.version()));
    assertFalse(states.save("source:192.0.2.1", one, v.version()), "a stale version loses");
    assertEquals(banned, states.find("source:192.0.2.1").state());
    assertTrue(states.delete("source:192.0.2.1"));
    assertEquals(Versioned.NONE, states.find("source:192.0.2.1"));
  }
}
