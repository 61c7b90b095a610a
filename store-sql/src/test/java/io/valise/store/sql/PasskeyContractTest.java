package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.ChallengeId;
import io.valise.core.id.PasskeyId;
import io.valise.core.passkey.ChallengePurpose;
import io.valise.core.passkey.Passkey;
import io.valise.core.passkey.PasskeyRepository;
import io.valise.core.passkey.WebAuthnChallenge;
import io.valise.core.passkey.WebAuthnChallengeRepository;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.UnknownReferenceException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PasskeyContractTest extends StoreTest {
  private OpaqueBytes bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return OpaqueBytes.of(b);
  }

  private Passkey passkey(AccountId owner, OpaqueBytes credentialId, String name) {
    return new Passkey(
        PasskeyId.random(random),
        owner,
        credentialId,
        name,
        bytes(150),
        0,
        true,
        false,
        List.of("internal", "hybrid"),
        true,
        clock.instant(),
        null);
  }

  private WebAuthnChallenge challenge(ChallengePurpose purpose, @Nullable AccountId account) {
    return new WebAuthnChallenge(
        ChallengeId.random(random),
        purpose,
        account,
        bytes(32),
        clock.instant().plus(Duration.ofMinutes(5)));
  }

  @Test
  void passkeysAreFoundByCredentialIdListedOldestFirstAndRemovedByTheirOwner() {
    PasskeyRepository keys = store().passkeys();
    AccountId alice = account("alice").id();
    AccountId bob = account("bob").id();
    Passkey phone = passkey(alice, bytes(16), "Téléphone d'Alice");
    keys.add(phone);
    clock.advance(Duration.ofMinutes(1));
    Passkey yubikey = passkey(alice, bytes(Passkey.MAX_CREDENTIAL_ID), "YubiKey 5");
    keys.add(yubikey);

    assertEquals(List.of(phone, yubikey), keys.of(alice));
    assertEquals(List.of(), keys.of(bob));
    assertEquals(Optional.of(yubikey), keys.byCredentialId(yubikey.credentialId()));
    assertEquals(Optional.empty(), keys.byCredentialId(bytes(16)));

    assertFalse(keys.remove(bob, phone.id()), "only the owner removes");
    assertFalse(keys.remove(alice, PasskeyId.random(random)));
    assertTrue(keys.remove(alice, phone.id()));
    assertFalse(keys.remove(alice, phone.id()));
    assertEquals(List.of(yubikey), keys.of(alice));
    assertEquals(Optional.empty(), keys.byCredentialId(phone.credentialId()));
  }

  @Test
  void aCredentialIdBelongsToOnePasskeyAtMost() {
    PasskeyRepository keys = store().passkeys();
    AccountId alice = account("alice").id();
    AccountId bob = account("bob").id();
    Passkey first = passkey(alice, bytes(32), "laptop");
    keys.add(first);
    assertThrows(
        ConflictException.class, () -> keys.add(passkey(bob, first.credentialId(), "copy")));
    assertThrows(
        ConflictException.class, () -> keys.add(passkey(alice, first.credentialId(), "again")));
    assertThrows(
        UnknownReferenceException.class,
        () -> keys.add(passkey(AccountId.random(random), bytes(32), "orphan")));
    assertEquals(List.of(first), keys.of(alice));
    assertEquals(List.of(), keys.of(bob));
  }

  @Test
  void aSignInMovesTheCounterForwardOnly() {
    PasskeyRepository keys = store().passkeys();
    AccountId alice = account("alice").id();
    Passkey p = passkey(alice, bytes(16), "key");
    keys.add(p);
    clock.advance(Duration.ofHours(1));
    Instant used = clock.instant();

    assertTrue(keys.recordUse(p.id(), 5, true, used));
    Passkey after = keys.of(alice).getFirst();
    assertEquals(5, after.signCount());
    assertTrue(after.backupState());
    assertEquals(used, after.lastUsedAt());

    assertFalse(keys.recordUse(p.id(), 5, false, used.plusSeconds(1)), "the same counter again");
    assertFalse(keys.recordUse(p.id(), 4, false, used.plusSeconds(1)), "backwards");
    assertEquals(after, keys.of(alice).getFirst(), "nothing written");
    assertTrue(keys.recordUse(p.id(), 0xFFFF_FFFFL, true, used.plusSeconds(2)));
    assertFalse(keys.recordUse(PasskeyId.random(random), 9, true, used), "no such passkey");
  }

  @Test
  void aCounterlessAuthenticatorIsRecordedEveryTime() {
    PasskeyRepository keys = store().passkeys();
    AccountId alice = account("alice").id();
    Passkey p = passkey(alice, bytes(16), "synced");
    keys.add(p);
    assertTrue(keys.recordUse(p.id(), 0, false, clock.instant()));
    clock.advance(Duration.ofMinutes(1));
    assertTrue(keys.recordUse(p.id(), 0, false, clock.instant()));
    assertEquals(clock.instant(), keys.of(alice).getFirst().lastUsedAt());
  }

  @Test
  void concurrentSignInsWithTheSameCounterRecordOne() throws Exception {
    PasskeyRepository keys = store().passkeys();
    AccountId alice = account("alice").id();
    Passkey p = passkey(alice, bytes(16), "key");
    keys.add(p);
    assertEquals(1, Races.successes(8, () -> keys.recordUse(p.id(), 7, false, clock.instant())));
  }

  @Test
  void anAddInAFailedTransactionLeavesNothing() {
    AccountId alice = account("alice").id();
    Passkey p = passkey(alice, bytes(16), "key");
    assertThrows(
        IOException.class,
        () ->
            store()
                .transactions()
                .inTransaction(
                    () -> {
                      store().passkeys().add(p);
                      throw new IOException("audit log unavailable");
                    }));
    assertEquals(List.of(), store().passkeys().of(alice));
  }

  @Test
  void aChallengeIsTakenOnce() throws Exception {
    WebAuthnChallengeRepository challenges = store().webAuthnChallenges();
    AccountId alice = account("alice").id();
    WebAuthnChallenge reg = challenge(ChallengePurpose.REGISTRATION, alice);
    WebAuthnChallenge login = challenge(ChallengePurpose.AUTHENTICATION, null);
    challenges.create(reg);
    challenges.create(login);

    assertEquals(Optional.of(reg), challenges.take(reg.id()));
    assertEquals(Optional.empty(), challenges.take(reg.id()), "a second use");
    assertEquals(Optional.empty(), challenges.take(ChallengeId.random(random)));
    assertThrows(ConflictException.class, () -> challenges.create(login));

    WebAuthnChallenge raced = challenge(ChallengePurpose.AUTHENTICATION, null);
    challenges.create(raced);
    try (SqlStore other = anotherNode()) {
      WebAuthnChallengeRepository there = other.webAuthnChallenges();
      int wins =
          Races.successes(
              8,
              () ->
                  (Thread.currentThread().threadId() % 2 == 0 ? challenges : there)
                      .take(raced.id())
                      .isPresent());
      assertEquals(1, wins, "one ceremony per challenge, across nodes");
    }
    assertEquals(Optional.of(login), challenges.take(login.id()));
  }

  @Test
  void expiredChallengesAreDeleted() {
    WebAuthnChallengeRepository challenges = store().webAuthnChallenges();
    WebAuthnChallenge early = challenge(ChallengePurpose.AUTHENTICATION, null);
    challenges.create(early);
    clock.advance(Duration.ofMinutes(1));
    WebAuthnChallenge late = challenge(ChallengePurpose.AUTHENTICATION, null);
    challenges.create(late);

    assertEquals(0, challenges.deleteExpired(early.expiresAt().minusMillis(1)));
    assertEquals(1, challenges.deleteExpired(early.expiresAt()));
    assertEquals(Optional.empty(), challenges.take(early.id()));
    assertTrue(challenges.take(late.id()).isPresent());
    assertThrows(
        UnknownReferenceException.class,
        () ->
            challenges.create(challenge(ChallengePurpose.REGISTRATION, AccountId.random(random))));
  }
}
