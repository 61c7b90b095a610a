package io.valise.core.envelope;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.account.Account;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.BlobId;
import io.valise.core.id.EnvelopeId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  private final SecureRandom random = new SecureRandom();
  private final Instant t = Instant.parse("2026-01-01T00:00:00Z");
  private final AccountId sender = AccountId.random(random);

  @Test
  void availabilityFollowsExpiryAndCount() {
    assertTrue(envelope(t.plusSeconds(60), 2, 1, List.of()).availableAt(t));
    assertFalse(envelope(t.plusSeconds(60), 2, 2, List.of()).availableAt(t));
    assertFalse(envelope(t.plusSeconds(60), null, 0, List.of()).availableAt(t.plusSeconds(60)));
    assertTrue(envelope(t.plusSeconds(60), null, 99, List.of()).availableAt(t));
  }

  @Test
  void invalidValuesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> envelope(t, null, 0, List.of()));
    assertThrows(IllegalArgumentException.class, () -> envelope(t.plusSeconds(1), 0, 0, List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> envelope(t.plusSeconds(1), null, -1, List.of()));
    AccountId r = AccountId.random(random);
    assertThrows(
        IllegalArgumentException.class, () -> envelope(t.plusSeconds(1), null, 0, List.of(r, r)));
  }

  @Test
  void opaqueBytesAreCopiedAndNeverPrinted() {
    byte[] raw = {1, 2, 3};
    OpaqueBytes b = OpaqueBytes.of(raw);
    raw[0] = 9;
    assertTrue(b.toByteArray()[0] == 1);
    assertFalse(b.toString().contains("1, 2"));
  }

  @Test
  void accountNamesAreChecked() {
    Account.checkName("cpam-75.lab_1");
    assertThrows(IllegalArgumentException.class, () -> Account.checkName("Alice"));
    assertThrows(IllegalArgumentException.class, () -> Account.checkName(""));
    assertThrows(IllegalArgumentException.class, () -> Account.checkName("a".repeat(65)));
    assertThrows(IllegalArgumentException.class, () -> Account.checkName("a/b"));
  }

  private Envelope envelope(
      Instant expires, @Nullable Integer max, int downloads, List<AccountId> recipients) {
    return new Envelope(
        EnvelopeId.random(random),
        sender,
        t,
        expires,
        max,
        downloads,
        BlobId.random(random),
        10,
        OpaqueBytes.of(new byte[] {1}),
        OpaqueBytes.of(new byte[0]),
        recipients);
  }
}
