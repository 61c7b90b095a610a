package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.audit.AuditEvent;
import io.valise.core.audit.WebReleaseRepository;
import io.valise.core.auth.SessionOrigin;
import io.valise.core.auth.SessionRecord;
import io.valise.core.auth.SessionRepository;
import io.valise.core.auth.SessionRepository.ListedSession;
import io.valise.core.auth.TokenHash;
import io.valise.core.auth.TotpEnrolmentRepository;
import io.valise.core.auth.TotpEnrolmentRepository.PendingTotp;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.SessionId;
import io.valise.core.id.TotpEnrolmentId;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.UnknownReferenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Session listing, pending TOTP enrolments and web releases (migration V11). */
class AccountSecurityContractTest extends StoreTest {
  private TokenHash hash() {
    byte[] b = new byte[TokenHash.BYTES];
    random.nextBytes(b);
    return TokenHash.of(b);
  }

  @Test
  void sessionsAreListedNewestFirstWithTheirIdAndOrigin() {
    SessionRepository sessions = store().sessions();
    AccountId alice = account("alice").id();
    AccountId bob = account("bob").id();
    SessionRecord old = new SessionRecord(hash(), START, START.plusSeconds(90));
    SessionRecord recent = new SessionRecord(hash(), START.plusSeconds(60), START.plusSeconds(60));
    SessionRecord legacy = new SessionRecord(hash(), START.plusSeconds(30), START.plusSeconds(30));
    SessionId oldId = SessionId.random(random);
    SessionId recentId = SessionId.random(random);
    sessions.create(alice, old, oldId, new SessionOrigin("password", "192.0.2.7"));
    sessions.create(alice, recent, recentId, new SessionOrigin("password+totp", "2001:db8::1"));
    sessions.create(alice, legacy); // made before V11, or by a caller that gives no id
    sessions.create(
        bob, new SessionRecord(hash(), START, START), SessionId.random(random), origin());

    List<ListedSession> listed = sessions.list(alice);
    assertEquals(
        List.of(
            new ListedSession(recentId, recent, new SessionOrigin("password+totp", "2001:db8::1")),
            new ListedSession(null, legacy, null),
            new ListedSession(oldId, old, new SessionOrigin("password", "192.0.2.7"))),
        listed);

    SessionId given = SessionId.random(random);
    assertTrue(sessions.assignId(legacy.hash(), given));
    assertFalse(sessions.assignId(legacy.hash(), SessionId.random(random)), "only once");
    assertEquals(given, sessions.list(alice).get(1).id());
    assertFalse(sessions.assignId(hash(), SessionId.random(random)), "no such session");
    assertThrows(
        ConflictException.class,
        () -> sessions.create(alice, new SessionRecord(hash(), START, START), oldId, origin()));
    assertTrue(sessions.delete(recent.hash()));
    assertEquals(2, sessions.list(alice).size());
    assertEquals(1, sessions.list(bob).size());
  }

  private static SessionOrigin origin() {
    return new SessionOrigin("password", null);
  }

  @Test
  void anAccountHasOnePendingEnrolmentThatOnlyItFindsAndOnlyOneConfirmationTakes() {
    TotpEnrolmentRepository pending = store().totpEnrolments();
    AccountId alice = account("alice").id();
    AccountId bob = account("bob").id();
    PendingTotp first = enrolment(alice, START);
    PendingTotp second = enrolment(alice, START.plusSeconds(5));
    pending.replace(first);
    pending.replace(second);
    assertEquals(Optional.empty(), pending.find(alice, first.id()), "replaced");
    PendingTotp found = pending.find(alice, second.id()).orElseThrow();
    assertEquals(second.id(), found.id());
    assertEquals(second.sealedSecret(), found.sealedSecret());
    assertEquals(second.expiresAt(), found.expiresAt());
    assertEquals(Optional.empty(), pending.find(bob, second.id()), "another account's");

    assertTrue(pending.delete(second.id()));
    assertFalse(pending.delete(second.id()), "a second confirmation finds nothing");
    assertThrows(
        UnknownReferenceException.class,
        () -> pending.replace(enrolment(AccountId.random(random), START)));
  }

  @Test
  void expiredEnrolmentsAreDeleted() {
    TotpEnrolmentRepository pending = store().totpEnrolments();
    PendingTotp early = enrolment(account("alice").id(), START);
    PendingTotp late = enrolment(account("bob").id(), START.plusSeconds(60));
    pending.replace(early);
    pending.replace(late);
    assertEquals(0, pending.deleteExpired(early.expiresAt().minusMillis(1)));
    assertEquals(1, pending.deleteExpired(early.expiresAt()), "at its expiry it is gone");
    assertTrue(pending.find(late.account(), late.id()).isPresent());
  }

  private PendingTotp enrolment(AccountId account, Instant at) {
    byte[] sealed = new byte[45];
    random.nextBytes(sealed);
    return new PendingTotp(
        TotpEnrolmentId.random(random),
        account,
        OpaqueBytes.of(sealed),
        at,
        at.plus(Duration.ofMinutes(10)));
  }

  @Test
  void aBundleIsPublishedByOneEntryOnly() {
    WebReleaseRepository releases = store().webReleases();
    String bundle = "ab".repeat(32);
    assertEquals(OptionalLong.empty(), releases.entryOf(bundle));
    long pending =
        store()
            .transactions()
            .inTransaction(
                () -> {
                  long id = store().audit().append(AuditEvent.of("web.release", START).build());
                  releases.record(bundle, id, START);
                  return id;
                });
    assertEquals(OptionalLong.of(pending), releases.entryOf(bundle));
    long other = store().audit().append(AuditEvent.of("web.release", START).build());
    assertThrows(ConflictException.class, () -> releases.record(bundle, other, START));
    assertThrows(
        UnknownReferenceException.class, () -> releases.record("cd".repeat(32), -5, START));
    assertThrows(IllegalArgumentException.class, () -> releases.record("AB", pending, START));
  }
}
