package io.valise.age.scrypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.FileKey;
import io.valise.age.HeaderException;
import io.valise.age.Stanza;
import io.valise.age.format.Base64s;
import io.valise.age.secret.Passphrase;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scrypt recipient and identity, at tiny work factors so the tests stay fast. */
class ScryptTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SALT = Base64s.encode(new byte[16]);

  private final Passphrase passphrase = Passphrase.of("correct horse battery".toCharArray());
  private final ScryptIdentity identity = new ScryptIdentity(passphrase);

  @AfterEach
  void wipe() {
    passphrase.destroy();
  }

  private static Stanza stanza(String salt, String workFactor) {
    return new Stanza(List.of("scrypt", salt, workFactor), new byte[32]);
  }

  @Test
  void aWrappedKeyOpensWithTheSamePassphraseOnly() throws HeaderException {
    FileKey key = FileKey.generate(RANDOM);
    List<Stanza> stanzas = new ScryptRecipient(passphrase, 2).wrap(key, RANDOM);
    assertEquals(List.of("scrypt", stanzas.get(0).args().get(1), "2"), stanzas.get(0).args());
    assertEquals(key, identity.unwrap(stanzas).orElseThrow());
    try (Passphrase wrong = Passphrase.of("correct horse battery!".toCharArray())) {
      assertTrue(new ScryptIdentity(wrong).unwrap(stanzas).isEmpty());
    }
  }

  @Test
  void recipientWorkFactorsOutside1To22AreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ScryptRecipient(passphrase, 0));
    assertThrows(IllegalArgumentException.class, () -> new ScryptRecipient(passphrase, 23));
    assertThrows(IllegalArgumentException.class, () -> new ScryptRecipient(passphrase, -1));
    new ScryptRecipient(passphrase, 1);
    new ScryptRecipient(passphrase, 22);
  }

  /** Refused before any scrypt work: 2^23 would cost 8 GiB, so the timeout proves the order. */
  @Timeout(5)
  @ParameterizedTest
  @ValueSource(strings = {"23", "30", "64", "99"})
  void workFactorsAbove22AreRefused(String wf) {
    assertThrows(HeaderException.class, () -> identity.unwrap(List.of(stanza(SALT, wf))));
  }

  @Timeout(5)
  @Test
  void aLowerCallerLimitIsEnforced() {
    ScryptIdentity careful = new ScryptIdentity(passphrase, 10);
    assertThrows(HeaderException.class, () -> careful.unwrap(List.of(stanza(SALT, "11"))));
  }

  /** age.md: the work factor is a decimal without leading zeros. */
  @Timeout(5)
  @ParameterizedTest
  @ValueSource(strings = {"0", "08", "018", "00", "+8", "-8", "8.0", "0x8", "1e1", "a", "100"})
  void nonCanonicalWorkFactorsAreRefused(String wf) {
    assertThrows(HeaderException.class, () -> identity.unwrap(List.of(stanza(SALT, wf))));
  }

  @Test
  void malformedStanzasAreRefused() {
    String shortSalt = Base64s.encode(new byte[15]);
    assertThrows(HeaderException.class, () -> identity.unwrap(List.of(stanza(shortSalt, "2"))));
    String noSaltArgs = "scrypt";
    assertThrows(
        HeaderException.class,
        () -> identity.unwrap(List.of(new Stanza(List.of(noSaltArgs, SALT), new byte[32]))));
    assertThrows(
        HeaderException.class,
        () -> identity.unwrap(List.of(new Stanza(List.of("scrypt", SALT, "2"), new byte[31]))));
  }

  @Test
  void anScryptStanzaMustBeAlone() {
    Stanza other = new Stanza(List.of("X25519", SALT), new byte[32]);
    assertThrows(HeaderException.class, () -> identity.unwrap(List.of(other, stanza(SALT, "2"))));
  }

  @Test
  void otherStanzasAreIgnored() throws HeaderException {
    assertTrue(
        identity.unwrap(List.of(new Stanza(List.of("X25519", SALT), new byte[32]))).isEmpty());
  }

  @Test
  void nothingPrintsThePassphrase() {
    String secret = "correct horse battery";
    assertFalse(identity.toString().contains(secret));
    assertFalse(new ScryptRecipient(passphrase, 2).toString().contains(secret));
    assertFalse(passphrase.toString().contains(secret));
  }
}
