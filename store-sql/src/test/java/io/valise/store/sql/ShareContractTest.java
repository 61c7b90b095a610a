package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.envelope.Envelope;
import io.valise.core.id.EnvelopeId;
import io.valise.core.id.ShareId;
import io.valise.core.share.ShareLink;
import io.valise.core.share.ShareRepository;
import io.valise.core.tx.UnknownReferenceException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ShareContractTest extends StoreTest {
  private static final OpaqueBytes HEADER =
      OpaqueBytes.of("age-encryption.org/v1\n".getBytes(StandardCharsets.US_ASCII));

  @Test
  void linksRoundTripAndBelongToAnEnvelope() {
    ShareRepository shares = store().shares();
    Envelope e = envelope(account("hospital").id(), Duration.ofDays(7), null, List.of());
    ShareLink plain = link(e, Duration.ofDays(1), null, null);
    ShareLink guarded = link(e, Duration.ofDays(2), 3, "$argon2id$pw");

    assertEquals(Optional.of(guarded), shares.find(guarded.id()));
    assertEquals(List.of(plain, guarded), shares.forEnvelope(e.id()));
    assertThrows(
        UnknownReferenceException.class,
        () ->
            shares.create(
                ShareLink.create(
                    ShareId.random(random),
                    EnvelopeId.random(random),
                    HEADER,
                    e.sender(),
                    clock.instant(),
                    clock.instant().plusSeconds(60),
                    null,
                    null)));

    assertTrue(store().envelopes().delete(e.id()));
    assertEquals(Optional.empty(), shares.find(plain.id()), "links go with their envelope");
  }

  @Test
  void useLimitHoldsUnderARaceOf32() throws Exception {
    ShareRepository shares = store().shares();
    Envelope e = envelope(account("hospital").id(), Duration.ofDays(7), null, List.of());
    ShareLink l = link(e, Duration.ofDays(1), 3, null);
    assertEquals(3, Races.successes(32, () -> shares.reserveUse(l.id(), clock.instant())));
    assertEquals(3, shares.find(l.id()).orElseThrow().downloads());
  }

  @Test
  void revocationAndExpiryStopUse() {
    ShareRepository shares = store().shares();
    Envelope e = envelope(account("hospital").id(), Duration.ofDays(7), null, List.of());
    ShareLink revoked = link(e, Duration.ofDays(1), null, null);
    ShareLink expiring = link(e, Duration.ofHours(1), null, null);
    ShareLink live = link(e, Duration.ofDays(1), null, null);

    assertTrue(shares.reserveUse(revoked.id(), clock.instant()));
    assertTrue(shares.revoke(revoked.id(), clock.instant()));
    assertFalse(shares.revoke(revoked.id(), clock.instant()));
    assertFalse(shares.reserveUse(revoked.id(), clock.instant()));
    assertEquals(List.of(revoked.id()), shares.expiredOrUsedUp(clock.instant(), 10));

    clock.advance(Duration.ofHours(1));
    assertFalse(shares.reserveUse(expiring.id(), clock.instant()));
    assertTrue(shares.reserveUse(live.id(), clock.instant()));
    assertEquals(List.of(expiring.id(), revoked.id()), shares.expiredOrUsedUp(clock.instant(), 10));
    assertTrue(shares.delete(expiring.id()));
    assertFalse(shares.reserveUse(ShareId.random(random), clock.instant()));
  }

  private ShareLink link(
      Envelope e, Duration ttl, @Nullable Integer max, @Nullable String passwordHash) {
    ShareLink l =
        ShareLink.create(
            ShareId.random(random),
            e.id(),
            HEADER,
            e.sender(),
            clock.instant(),
            clock.instant().plus(ttl),
            max,
            passwordHash);
    store().shares().create(l);
    clock.advance(Duration.ofMillis(1)); // distinct creation times keep listings ordered
    return l;
  }
}
