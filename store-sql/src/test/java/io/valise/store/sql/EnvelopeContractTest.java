package io.valise.store.sql;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.account.Account;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.envelope.Envelope;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.envelope.PurgeCandidate;
import io.valise.core.id.AccountId;
import io.valise.core.id.BlobId;
import io.valise.core.id.EnvelopeId;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.UnknownReferenceException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EnvelopeContractTest extends StoreTest {
  private static final Duration WEEK = Duration.ofDays(7);

  @Test
  void createFindAndListInboxAndOutbox() {
    EnvelopeRepository envelopes = store().envelopes();
    Account lab = account("lab");
    Account cpam = account("cpam");
    Account ars = account("ars");
    Envelope e = envelope(lab.id(), WEEK, 3, List.of(cpam.id(), ars.id()));

    Envelope found = envelopes.find(e.id()).orElseThrow();
    assertEquals(e.header(), found.header());
    assertEquals(e.metadata(), found.metadata());
    assertEquals(Set.copyOf(e.recipients()), Set.copyOf(found.recipients()));
    assertEquals(e.expiresAt(), found.expiresAt());
    assertEquals(e.payload(), found.payload());

    assertTrue(envelopes.findVisibleTo(e.id(), cpam.id()).isPresent());
    assertTrue(envelopes.findVisibleTo(e.id(), lab.id()).isPresent());
    Account stranger = account("stranger");
    assertEquals(Optional.empty(), envelopes.findVisibleTo(e.id(), stranger.id()));

    clock.advance(Duration.ofSeconds(1));
    Envelope later = envelope(lab.id(), WEEK, null, List.of(cpam.id()));
    assertEquals(
        List.of(later.id(), e.id()),
        envelopes.inbox(cpam.id(), clock.instant()).stream().map(Envelope::id).toList());
    assertEquals(2, envelopes.outbox(lab.id(), clock.instant()).size());
    assertEquals(List.of(), envelopes.inbox(stranger.id(), clock.instant()));
  }

  @Test
  void creationIsAllOrNothing() {
    EnvelopeRepository envelopes = store().envelopes();
    Account lab = account("lab");
    Account cpam = account("cpam");
    AccountId ghost = AccountId.random(random);
    EnvelopeId[] id = new EnvelopeId[1];
    assertThrows(
        UnknownReferenceException.class,
        () -> id[0] = envelope(lab.id(), WEEK, null, List.of(cpam.id(), ghost)).id());
    assertEquals(List.of(), envelopes.outbox(lab.id(), clock.instant()));
    assertEquals(List.of(), envelopes.inbox(cpam.id(), clock.instant()));

    Envelope e = envelope(lab.id(), WEEK, null, List.of());
    assertThrows(ConflictException.class, () -> envelopes.create(e));
  }

  @Test
  void emptyMetadataAndLargeHeadersRoundTrip() {
    Account lab = account("lab");
    byte[] header = new byte[64 * 1024];
    random.nextBytes(header);
    Envelope e =
        new Envelope(
            EnvelopeId.random(random),
            lab.id(),
            clock.instant(),
            clock.instant().plus(WEEK),
            null,
            0,
            BlobId.random(random),
            0,
            OpaqueBytes.of(header),
            OpaqueBytes.of(new byte[0]),
            List.of());
    store().envelopes().create(e);
    assertEquals(Optional.of(e), store().envelopes().find(e.id()));
  }

  @Test
  void downloadLimitHoldsUnderARaceOf32() throws Exception {
    EnvelopeRepository envelopes = store().envelopes();
    Account lab = account("lab");
    Envelope e = envelope(lab.id(), WEEK, 5, List.of(account("cpam").id()));
    int wins = Races.successes(32, () -> envelopes.reserveDownload(e.id(), clock.instant()));
    assertEquals(5, wins);
    assertEquals(5, envelopes.find(e.id()).orElseThrow().downloads());
    assertFalse(envelopes.reserveDownload(e.id(), clock.instant()));
  }

  @Test
  void downloadLimitHoldsAcrossTwoNodesOnOneDatabase() throws Exception {
    // Two stores with their own pools: two server nodes on PostgreSQL, or the server and the
    // admin CLI on one SQLite file (where the second writer must wait, not fail with BUSY).
    Envelope e = envelope(account("lab").id(), WEEK, 5, List.of());
    try (SqlStore other = anotherNode()) {
      AtomicInteger turn = new AtomicInteger();
      int wins =
          Races.successes(
              32,
              () ->
                  (turn.getAndIncrement() % 2 == 0 ? store() : other)
                      .envelopes()
                      .reserveDownload(e.id(), clock.instant()));
      assertEquals(5, wins);
      assertEquals(5, other.envelopes().find(e.id()).orElseThrow().downloads());
    }
  }

  @Test
  void expiryIsEnforcedAndListedWithTheInjectedClock() {
    EnvelopeRepository envelopes = store().envelopes();
    Account lab = account("lab");
    Account cpam = account("cpam");
    Envelope shortLived = envelope(lab.id(), Duration.ofHours(1), null, List.of(cpam.id()));
    Envelope oneShot = envelope(lab.id(), WEEK, 1, List.of(cpam.id()));
    Envelope live = envelope(lab.id(), WEEK, 2, List.of(cpam.id()));

    assertTrue(envelopes.reserveDownload(oneShot.id(), clock.instant()));
    assertTrue(envelopes.reserveDownload(live.id(), clock.instant()));
    assertEquals(
        List.of(new PurgeCandidate(oneShot.id(), oneShot.payload())),
        envelopes.expiredOrExhausted(clock.instant(), 100));

    clock.advance(Duration.ofHours(1)); // expiry is exclusive: at expiresAt it is gone
    assertFalse(envelopes.reserveDownload(shortLived.id(), clock.instant()));
    assertEquals(
        List.of(shortLived.id(), oneShot.id()),
        envelopes.expiredOrExhausted(clock.instant(), 100).stream()
            .map(PurgeCandidate::id)
            .toList());
    assertEquals(1, envelopes.expiredOrExhausted(clock.instant(), 1).size());
    assertEquals(2, envelopes.inbox(cpam.id(), clock.instant()).size(), "expired one hidden");

    assertTrue(envelopes.delete(shortLived.id()));
    assertFalse(envelopes.delete(shortLived.id()));
    assertEquals(Optional.empty(), envelopes.find(shortLived.id()));
  }

  @Test
  void headerReplacementAndRecipientChanges() {
    EnvelopeRepository envelopes = store().envelopes();
    Account lab = account("lab");
    Account cpam = account("cpam");
    Account ars = account("ars");
    Envelope e = envelope(lab.id(), WEEK, null, List.of(cpam.id()));

    OpaqueBytes rewrapped =
        OpaqueBytes.of("age-encryption.org/v1\n-> X25519 new".getBytes(US_ASCII));
    assertTrue(envelopes.replaceHeader(e.id(), rewrapped));
    assertTrue(envelopes.addRecipient(e.id(), ars.id()));
    assertFalse(envelopes.addRecipient(e.id(), ars.id()));
    Envelope after = envelopes.find(e.id()).orElseThrow();
    assertEquals(rewrapped, after.header());
    assertEquals(e.metadata(), after.metadata(), "metadata untouched");
    assertEquals(Set.of(cpam.id(), ars.id()), Set.copyOf(after.recipients()));

    assertTrue(envelopes.removeRecipient(e.id(), cpam.id()));
    assertFalse(envelopes.removeRecipient(e.id(), cpam.id()));
    assertEquals(Optional.empty(), envelopes.findVisibleTo(e.id(), cpam.id()));
    assertFalse(envelopes.replaceHeader(EnvelopeId.random(random), rewrapped));
    assertThrows(
        UnknownReferenceException.class,
        () -> envelopes.addRecipient(EnvelopeId.random(random), ars.id()));
  }

  @Test
  void headerSwapOnlyFromTheExpectedHeader() {
    EnvelopeRepository envelopes = store().envelopes();
    Account lab = account("lab");
    Envelope e = envelope(lab.id(), WEEK, null, List.of());
    OpaqueBytes first = OpaqueBytes.of("age-encryption.org/v1\n-> X25519 a".getBytes(US_ASCII));
    OpaqueBytes second = OpaqueBytes.of("age-encryption.org/v1\n-> X25519 b".getBytes(US_ASCII));
    assertTrue(envelopes.replaceHeader(e.id(), e.header(), first));
    assertFalse(envelopes.replaceHeader(e.id(), e.header(), second), "made from a stale header");
    assertEquals(first, envelopes.find(e.id()).orElseThrow().header());
    assertFalse(envelopes.replaceHeader(EnvelopeId.random(random), first, second));
  }

  @Test
  void bytesStoredCountsThePayloadsOfTheSenderUntilTheyAreDeleted() {
    EnvelopeRepository envelopes = store().envelopes();
    Account lab = account("lab");
    Account other = account("other");
    assertEquals(0, envelopes.bytesStored(lab.id()));
    Envelope week = envelope(lab.id(), WEEK, null, List.of());
    Envelope hour = envelope(lab.id(), Duration.ofHours(1), null, List.of());
    envelope(other.id(), WEEK, null, List.of());
    assertEquals(week.payloadLength() + hour.payloadLength(), envelopes.bytesStored(lab.id()));
    assertTrue(envelopes.delete(hour.id()));
    assertFalse(envelopes.delete(hour.id()));
    assertEquals(week.payloadLength(), envelopes.bytesStored(lab.id()));
    assertEquals(0, envelopes.bytesStored(AccountId.random(random)), "no such account");
  }

  @Test
  void aRolledBackCreationIsNotCounted() {
    EnvelopeRepository envelopes = store().envelopes();
    Account lab = account("lab");
    Envelope kept = envelope(lab.id(), WEEK, null, List.of());
    assertThrows(
        IllegalStateException.class,
        () ->
            store()
                .transactions()
                .inTransaction(
                    () -> {
                      envelope(lab.id(), WEEK, null, List.of());
                      throw new IllegalStateException("refused after the insert");
                    }));
    assertEquals(kept.payloadLength(), envelopes.bytesStored(lab.id()));
  }
}
