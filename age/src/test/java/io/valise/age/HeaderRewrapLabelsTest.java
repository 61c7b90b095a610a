package io.valise.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.age.pq.MlKem768X25519Identity;
import io.valise.age.scrypt.ScryptIdentity;
import io.valise.age.scrypt.ScryptRecipient;
import io.valise.age.secret.Passphrase;
import io.valise.age.x25519.X25519Identity;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The label rules of {@link Header#seal} also hold for recipients that {@link Header#rewrap} adds
 * to an existing header. Before they did, rewrap checked the added recipients only against each
 * other: adding a passphrase to an X25519 header gave a header that {@link Header#unwrap} refuses
 * for everyone (an scrypt stanza must be alone), and a post-quantum header could gain a classical
 * recipient, which makes it only as strong as X25519.
 */
class HeaderRewrapLabelsTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FileKey key = FileKey.generate(RANDOM);
  private final X25519Identity classical = X25519Identity.generate(RANDOM);
  private final MlKem768X25519Identity postQuantum = MlKem768X25519Identity.generate(RANDOM);
  private final Passphrase passphrase = Passphrase.of("correct horse".toCharArray());

  @AfterEach
  void wipe() {
    passphrase.destroy();
  }

  @Test
  void aPassphraseCannotBeAddedToAClassicalHeader() throws AgeException {
    Header h = Header.seal(key, List.of(classical.recipient()), RANDOM);
    List<Recipient> added = List.of(new ScryptRecipient(passphrase, 1));
    assertThrows(IllegalArgumentException.class, () -> h.rewrap(List.of(classical), added, RANDOM));
  }

  @Test
  void nothingCanBeAddedToAPassphraseHeader() throws AgeException {
    Header h = Header.seal(key, List.of(new ScryptRecipient(passphrase, 1)), RANDOM);
    List<Identity> ids = List.of(new ScryptIdentity(passphrase));
    List<Recipient> added = List.of(classical.recipient());
    assertThrows(IllegalArgumentException.class, () -> h.rewrap(ids, added, RANDOM));
  }

  @Test
  void aPostQuantumRecipientCannotBeAddedToAClassicalHeader() throws AgeException {
    Header h = Header.seal(key, List.of(classical.recipient()), RANDOM);
    List<Recipient> added = List.of(postQuantum.recipient());
    assertThrows(IllegalArgumentException.class, () -> h.rewrap(List.of(classical), added, RANDOM));
  }

  @Test
  void aClassicalRecipientCannotBeAddedToAPostQuantumHeader() throws AgeException {
    Header h = Header.seal(key, List.of(postQuantum.recipient()), RANDOM);
    List<Recipient> added = List.of(classical.recipient());
    assertThrows(
        IllegalArgumentException.class, () -> h.rewrap(List.of(postQuantum), added, RANDOM));
  }

  @Test
  void likeMayStillBeAddedToLike() throws AgeException {
    Header pq = Header.seal(key, List.of(postQuantum.recipient()), RANDOM);
    MlKem768X25519Identity other = MlKem768X25519Identity.generate(RANDOM);
    Header rewrapped = pq.rewrap(List.of(postQuantum), List.of(other.recipient()), RANDOM);
    assertEquals(key, rewrapped.unwrap(List.of(other)));

    Header x = Header.seal(key, List.of(classical.recipient()), RANDOM);
    X25519Identity second = X25519Identity.generate(RANDOM);
    assertEquals(
        key,
        x.rewrap(List.of(classical), List.of(second.recipient()), RANDOM).unwrap(List.of(second)));
  }
}
