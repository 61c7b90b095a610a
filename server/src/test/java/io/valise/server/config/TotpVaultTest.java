package io.valise.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.core.auth.TotpSecret;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.TotpEnrolmentId;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TotpVaultTest {
  private final SecureRandom random = new SecureRandom();

  private TotpVault vault() {
    byte[] key = new byte[InstallationSecrets.KEY_BYTES];
    random.nextBytes(key);
    try (var k = new InstallationSecrets.ServerKey(key)) {
      return new TotpVault(k, random);
    }
  }

  @Test
  void sealedSecretsOpenOnlyForTheirAccountUnderTheirKey() {
    TotpVault vault = vault();
    AccountId alice = AccountId.random(random);
    try (TotpSecret secret = TotpSecret.generate(random)) {
      OpaqueBytes sealed = vault.seal(alice, secret);
      assertNotEquals(sealed, vault.seal(alice, secret), "a fresh nonce each time");
      try (TotpSecret opened = vault.open(alice, sealed)) {
        assertEquals(secret, opened);
      }
      assertThrows(IllegalStateException.class, () -> vault.open(AccountId.random(random), sealed));
      assertThrows(IllegalStateException.class, () -> vault().open(alice, sealed));
      byte[] flipped = sealed.toByteArray();
      flipped[flipped.length - 1] ^= 1;
      assertThrows(IllegalStateException.class, () -> vault.open(alice, OpaqueBytes.of(flipped)));
    }
  }

  @Test
  void aPendingSecretOpensOnlyAsItsOwnEnrolment() {
    TotpVault vault = vault();
    AccountId alice = AccountId.random(random);
    TotpEnrolmentId enrolment = TotpEnrolmentId.random(random);
    try (TotpSecret secret = TotpSecret.generate(random)) {
      OpaqueBytes pending = vault.sealPending(alice, enrolment, secret);
      try (TotpSecret opened = vault.openPending(alice, enrolment, pending)) {
        assertEquals(secret, opened);
      }
      assertThrows(IllegalStateException.class, () -> vault.open(alice, pending));
      assertThrows(
          IllegalStateException.class,
          () -> vault.openPending(alice, TotpEnrolmentId.random(random), pending));
      assertThrows(
          IllegalStateException.class,
          () -> vault.openPending(AccountId.random(random), enrolment, pending));
      OpaqueBytes active = vault.seal(alice, secret);
      assertThrows(IllegalStateException.class, () -> vault.openPending(alice, enrolment, active));
    }
  }
}
