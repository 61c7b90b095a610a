package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.pq.MlKem768X25519Identity;
import io.valise.age.x25519.X25519Identity;
import io.valise.core.account.Account;
import io.valise.core.id.AccountId;
import io.valise.core.id.KeyId;
import io.valise.core.keydir.KeyDirectory;
import io.valise.core.keydir.KeyKind;
import io.valise.core.keydir.PublishedKey;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.UnknownReferenceException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyDirectoryContractTest extends StoreTest {
  @Test
  void publishListAndRevoke() {
    KeyDirectory keys = store().keys();
    Account a = account("dpo");
    String x = X25519Identity.generate(random).recipient().encode();
    String pq = MlKem768X25519Identity.generate(random).recipient().encode();
    PublishedKey k1 = PublishedKey.publish(KeyId.random(random), a.id(), x, clock.instant());
    keys.publish(k1);
    clock.advance(Duration.ofMinutes(1));
    PublishedKey k2 = PublishedKey.publish(KeyId.random(random), a.id(), pq, clock.instant());
    keys.publish(k2);

    assertEquals(List.of(k1, k2), keys.current(a.id()));
    assertEquals(KeyKind.MLKEM768X25519, keys.find(k2.id()).orElseThrow().kind());

    clock.advance(Duration.ofMinutes(1));
    assertTrue(keys.revoke(k1.id(), clock.instant()));
    assertFalse(keys.revoke(k1.id(), clock.instant()), "already revoked");
    assertEquals(List.of(k2), keys.current(a.id()));
    assertEquals(2, keys.history(a.id()).size());
    assertEquals(clock.instant(), keys.find(k1.id()).orElseThrow().revokedAt());
  }

  @Test
  void aRecipientIsPublishedOncePerAccountAndOnlyForAnAccount() {
    KeyDirectory keys = store().keys();
    Account a = account("lab");
    String x = X25519Identity.generate(random).recipient().encode();
    keys.publish(PublishedKey.publish(KeyId.random(random), a.id(), x, clock.instant()));
    assertThrows(
        ConflictException.class,
        () -> keys.publish(PublishedKey.publish(KeyId.random(random), a.id(), x, clock.instant())));
    assertThrows(
        UnknownReferenceException.class,
        () ->
            keys.publish(
                PublishedKey.publish(
                    KeyId.random(random), AccountId.random(random), x, clock.instant())));
  }
}
