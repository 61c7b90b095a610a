package io.valise.core.passkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.ChallengeId;
import io.valise.core.id.IdentityWrapId;
import io.valise.core.id.PasskeyId;
import io.valise.core.identitywrap.IdentityWrap;
import io.valise.core.identitywrap.IdentityWrapKind;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasskeyTest {
  private static final Instant T = Instant.parse("2026-03-01T09:00:00Z");
  private final SecureRandom random = new SecureRandom();

  private Passkey passkey(String name, long count, List<String> transports, int idLength) {
    return new Passkey(
        PasskeyId.random(random),
        AccountId.random(random),
        OpaqueBytes.of(new byte[idLength]),
        name,
        OpaqueBytes.of(new byte[77]),
        count,
        false,
        false,
        transports,
        false,
        T,
        null);
  }

  @Test
  void namesArePrintableAndShort() {
    assertEquals("Clé USB — bureau 12", Passkey.checkName("Clé USB — bureau 12"));
    assertEquals("😀".repeat(64), Passkey.checkName("😀".repeat(64)), "characters, not UTF-16");
    for (String bad : List.of("", "   ", "x".repeat(65), "a\nb", "a\u0000", "evil\u202Etxt")) {
      assertThrows(IllegalArgumentException.class, () -> Passkey.checkName(bad), bad);
    }
  }

  @Test
  void valuesOutsideWebAuthnsRangesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> passkey("k", -1, List.of(), 16));
    assertThrows(IllegalArgumentException.class, () -> passkey("k", 1L << 32, List.of(), 16));
    assertThrows(IllegalArgumentException.class, () -> passkey("k", 0, List.of(), 0));
    assertThrows(IllegalArgumentException.class, () -> passkey("k", 0, List.of(), 1024));
    assertThrows(IllegalArgumentException.class, () -> passkey("k", 0, List.of("USB"), 16));
    assertThrows(IllegalArgumentException.class, () -> passkey("k", 0, List.of("a b"), 16));
    assertEquals(0xFFFF_FFFFL, passkey("k", 0xFFFF_FFFFL, List.of("usb", "nfc"), 1023).signCount());
  }

  @Test
  void aRegistrationChallengeNamesItsAccount() {
    OpaqueBytes bytes = OpaqueBytes.of(new byte[32]);
    ChallengeId id = ChallengeId.random(random);
    assertThrows(
        IllegalArgumentException.class,
        () -> new WebAuthnChallenge(id, ChallengePurpose.REGISTRATION, null, bytes, T));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new WebAuthnChallenge(
                id, ChallengePurpose.AUTHENTICATION, null, OpaqueBytes.of(new byte[15]), T));
    WebAuthnChallenge c =
        new WebAuthnChallenge(id, ChallengePurpose.AUTHENTICATION, null, bytes, T.plusSeconds(300));
    assertEquals(false, c.expired(T.plusSeconds(299)));
    assertEquals(true, c.expired(T.plusSeconds(300)));
  }

  @Test
  void aWrapNamesAPasskeyExactlyWhenItIsAPasskeyWrap() {
    IdentityWrapId id = IdentityWrapId.random(random);
    AccountId a = AccountId.random(random);
    OpaqueBytes age = OpaqueBytes.of(new byte[100]);
    PasskeyId p = PasskeyId.random(random);
    assertThrows(
        IllegalArgumentException.class,
        () -> new IdentityWrap(id, a, IdentityWrapKind.PASSKEY, null, "age1x", age, T));
    assertThrows(
        IllegalArgumentException.class,
        () -> new IdentityWrap(id, a, IdentityWrapKind.PASSPHRASE, p, "age1x", age, T));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new IdentityWrap(
                id,
                a,
                IdentityWrapKind.PASSPHRASE,
                null,
                "age1x",
                OpaqueBytes.of(new byte[IdentityWrap.MAX_BYTES + 1]),
                T));
  }
}
