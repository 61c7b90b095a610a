package io.valise.core.keydir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.age.pq.MlKem768X25519Identity;
import io.valise.age.x25519.X25519Identity;
import io.valise.core.id.AccountId;
import io.valise.core.id.KeyId;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PublishedKeyTest {
  private final SecureRandom random = new SecureRandom();
  private final Instant t = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void kindIsReadFromTheRecipient() {
    String x = X25519Identity.generate(random).recipient().encode();
    String pq = MlKem768X25519Identity.generate(random).recipient().encode();
    assertEquals(KeyKind.X25519, key(x).kind());
    assertEquals(KeyKind.MLKEM768X25519, key(pq).kind());
  }

  @Test
  void malformedAndMismatchedRecipientsAreRefused() {
    String x = X25519Identity.generate(random).recipient().encode();
    assertThrows(IllegalArgumentException.class, () -> key("age1notakey"));
    assertThrows(IllegalArgumentException.class, () -> key(" " + x));
    assertThrows(IllegalArgumentException.class, () -> key(x.toUpperCase(java.util.Locale.ROOT)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new PublishedKey(
                KeyId.random(random),
                AccountId.random(random),
                x,
                KeyKind.MLKEM768X25519,
                t,
                null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new PublishedKey(
                KeyId.random(random),
                AccountId.random(random),
                x,
                KeyKind.X25519,
                t,
                t.minusSeconds(1)));
  }

  private PublishedKey key(String recipient) {
    return PublishedKey.publish(KeyId.random(random), AccountId.random(random), recipient, t);
  }
}
