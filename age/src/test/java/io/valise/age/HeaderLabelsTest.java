package io.valise.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.age.scrypt.ScryptRecipient;
import io.valise.age.secret.Passphrase;
import io.valise.age.x25519.X25519Identity;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which recipients may share a header (Recipient#labels): post-quantum never with classical, a
 * passphrase never with anything (age.md, "The scrypt recipient type").
 */
class HeaderLabelsTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FileKey key = FileKey.generate(RANDOM);
  private final Recipient classical = X25519Identity.generate(RANDOM).recipient();
  private final Recipient postQuantum = LabelledRecipients.postQuantum();
  private final Passphrase passphrase = Passphrase.of("correct horse".toCharArray());
  private final Recipient scrypt = new ScryptRecipient(passphrase, 1);

  @AfterEach
  void wipe() {
    passphrase.destroy();
  }

  @Test
  void postQuantumWithClassicalIsRefusedInEitherOrder() {
    assertRefused(List.of(classical, postQuantum));
    assertRefused(List.of(postQuantum, classical));
  }

  @Test
  void aPassphraseWithAnythingIsRefused() {
    assertRefused(List.of(scrypt, classical));
    assertRefused(List.of(classical, scrypt));
    assertRefused(List.of(scrypt, postQuantum));
    assertRefused(List.of(scrypt, new ScryptRecipient(passphrase, 1)));
  }

  @Test
  void recipientsWithTheSameLabelsMayShareAHeader() throws AgeException {
    assertEquals(2, Header.seal(key, List.of(postQuantum, postQuantum), RANDOM).stanzas().size());
    assertEquals(1, Header.seal(key, List.of(scrypt), RANDOM).stanzas().size());
  }

  private void assertRefused(List<Recipient> recipients) {
    assertThrows(IllegalArgumentException.class, () -> Header.seal(key, recipients, RANDOM));
  }
}
