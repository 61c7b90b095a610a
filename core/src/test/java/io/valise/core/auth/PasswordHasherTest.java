package io.valise.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.secret.Passphrase;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
  /** Cheap costs so tests run fast; the format and code paths are the same as the default. */
  private static final PasswordPolicy CHEAP = new PasswordPolicy(64, 1, 1, 16, 32);

  private final PasswordHasher cheap = new PasswordHasher(CHEAP, new SecureRandom());

  private static Passphrase pw(String s) {
    return Passphrase.of(s.toCharArray());
  }

  /**
   * PHC strings written by the reference implementation's {@code argon2} command (Debian package
   * argon2 0~20171227), for example {@code echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1
   * -l 32 -e}. The first is also in the reference implementation's own test.c.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "password|$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "password|$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$/DO3gTkjHTS3Fia9YkXB1y76GQrWBcPYFmpyrc7fosI",
        "correct horse battery staple|$argon2id$v=19$m=19456,t=2,p=1$dmFsaXNlc2FsdDE2Ynl0$uLPigeTil+RGTgydsKBkIIkv8fBDhstuIcOAZe843f8",
        "pässwörd|$argon2id$v=19$m=12288,t=3,p=2$c2FsdHNhbHRzYWx0c2FsdA$bn/W6Rg6RR8UKA+tuTT/LbvY+Mb/Oh7Q/s3BezQerMs",
        "hunter2|$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc"
      })
  void verifiesReferencePhcStrings(String password, String phc) {
    assertTrue(cheap.verify(pw(password), phc));
    assertFalse(cheap.verify(pw(password + "x"), phc));
    assertEquals(phc, PhcHash.parse(phc).format());
  }

  @Test
  void hashesRoundTripWithDefaultPolicy() {
    PasswordHasher hasher = new PasswordHasher(PasswordPolicy.OWASP, new SecureRandom());
    String phc = hasher.hash(pw("correct horse battery staple"));
    assertTrue(
        Pattern.matches(
            "\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}", phc),
        phc);
    assertTrue(hasher.verify(pw("correct horse battery staple"), phc));
    assertFalse(hasher.verify(pw("correct horse battery stapler"), phc));
    assertFalse(hasher.needsRehash(phc));
  }

  @Test
  void saltsDiffer() {
    assertNotEquals(cheap.hash(pw("same")), cheap.hash(pw("same")));
  }

  @Test
  void needsRehashWhenWeakerThanPolicy() {
    PasswordHasher strict = new PasswordHasher(PasswordPolicy.OWASP, new SecureRandom());
    assertTrue(strict.needsRehash(cheap.hash(pw("x"))));
    assertTrue(
        strict.needsRehash(
            "$argon2id$v=19$m=65536,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc"));
    assertFalse(
        strict.needsRehash(
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$/DO3gTkjHTS3Fia9YkXB1y76GQrWBcPYFmpyrc7fosI"),
        "more memory than policy, same passes: kept");
    assertTrue(
        strict.needsRehash(
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$uLPigeTil+RGTgydsKBkIIkv8fBDhstuIcOAZe843f8"),
        "8-byte salt is shorter than the policy's 16");
  }

  @Test
  void overlongPasswordsAreRefusedAndNeverMatch() {
    String huge = "a".repeat(PasswordHasher.MAX_PASSWORD_BYTES + 1);
    assertThrows(IllegalArgumentException.class, () -> cheap.hash(pw(huge)));
    String phc = cheap.hash(pw("a".repeat(PasswordHasher.MAX_PASSWORD_BYTES)));
    assertTrue(cheap.verify(pw("a".repeat(PasswordHasher.MAX_PASSWORD_BYTES)), phc));
    assertFalse(cheap.verify(pw(huge), phc));
  }

  @Test
  void noAccountVerificationIsAlwaysFalse() {
    assertFalse(cheap.verifyNoAccount(pw("anything")));
  }

  private static final String GOOD =
      "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2i$v=19$m=64,t=2,p=1$c29tZXNhbHQ$mJ2mVFjovhRArlVdCzyKw6ZYTg0ikLncyRWminHkHB4",
        "$argon2id$v=16$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$B5Y6CAlB4Hk7ZmjhUpRvMqJ/YxEhfBRe7FsD1iQieoc",
        "$argon2id$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$t=1,m=64,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=064,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=+64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=64,t=1,p=1,keyid=abc$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=64,t=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=4294967296,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=64,t=1000,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=64,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=64,t=1,p=16$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=8,t=1,p=2$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA==$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdB$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$_W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc$",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc ",
      })
  void rejectsMalformedOrUnboundedHashes(String phc) {
    AuthFormatException e =
        assertThrows(AuthFormatException.class, () -> cheap.verify(pw("hunter2"), phc), phc);
    String message = String.valueOf(e.getMessage());
    assertFalse(message.contains("/W8LPvoaai7U3XREtgKuI78"), message);
  }

  @Test
  void wrongSaltOrShortHashParsesButDoesNotMatch() {
    assertFalse(
        cheap.verify(
            pw("hunter2"),
            "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$/W8LPvoaai7U3XREtgKuI78eDZLHrsDSFj5hpFvetZc"));
    assertFalse(
        cheap.verify(
            pw("hunter2"),
            "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$/W8LPvoaai7U3XREtgKuI78"));
  }

  @Test
  void goodHashStillParses() {
    assertTrue(cheap.verify(pw("hunter2"), GOOD));
  }

  @Test
  void tooLongStringIsRejectedBeforeSplitting() {
    String phc = GOOD + "A".repeat(300);
    assertThrows(AuthFormatException.class, () -> PhcHash.parse(phc));
  }

  @Test
  void policyIsBounded() {
    assertThrows(AuthFormatException.class, () -> new PasswordPolicy(1 << 20, 2, 1, 16, 32));
    assertThrows(AuthFormatException.class, () -> new PasswordPolicy(19_456, 2, 1, 4, 32));
    assertThrows(AuthFormatException.class, () -> new PasswordPolicy(19_456, 2, 1, -1, 32));
  }
}
