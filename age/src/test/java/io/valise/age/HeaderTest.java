package io.valise.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.age.x25519.X25519Identity;
import io.valise.age.x25519.X25519Recipient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sealing, unwrapping and re-wrapping headers with X25519 recipients. */
class HeaderTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  static List<X25519Identity> identities(int n) {
    List<X25519Identity> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(X25519Identity.generate(RANDOM));
    }
    return ids;
  }

  static List<X25519Recipient> recipients(List<X25519Identity> ids) {
    return ids.stream().map(X25519Identity::recipient).toList();
  }

  static Header reparse(Header h) throws IOException {
    return Header.parse(new ByteArrayInputStream(h.encode()));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void everyRecipientOpensTheSealedHeader(int n) throws IOException {
    List<X25519Identity> ids = identities(n);
    FileKey key = FileKey.generate(RANDOM);
    Header parsed = reparse(Header.seal(key, recipients(ids), RANDOM));
    assertEquals(n, parsed.stanzas().size());
    for (X25519Identity id : ids) {
      assertEquals(key, parsed.unwrap(List.of(id)));
    }
  }

  @Test
  void aStrangerDoesNotOpenIt() throws IOException {
    Header h = reparse(Header.seal(FileKey.generate(RANDOM), recipients(identities(2)), RANDOM));
    List<X25519Identity> stranger = identities(1);
    assertThrows(NoIdentityMatchException.class, () -> h.unwrap(stranger));
  }

  @Test
  void theNextIdentityIsTriedWhenTheFirstDoesNotMatch() throws IOException {
    List<X25519Identity> ids = identities(1);
    FileKey key = FileKey.generate(RANDOM);
    Header h = reparse(Header.seal(key, recipients(ids), RANDOM));
    assertEquals(key, h.unwrap(List.of(identities(1).get(0), ids.get(0))));
  }

  @Test
  void rewrapAddsARecipientAndKeepsTheOldOnes() throws IOException {
    List<X25519Identity> old = identities(2);
    List<X25519Identity> added = identities(1);
    FileKey key = FileKey.generate(RANDOM);
    Header sealed = Header.seal(key, recipients(old), RANDOM);

    Header rewrapped = reparse(sealed.rewrap(old.subList(1, 2), recipients(added), RANDOM));

    assertEquals(sealed.stanzas(), rewrapped.stanzas().subList(0, 2), "old stanzas kept as is");
    assertEquals(3, rewrapped.stanzas().size());
    assertEquals(key, rewrapped.unwrap(added));
    for (X25519Identity id : old) {
      assertEquals(key, rewrapped.unwrap(List.of(id)));
    }
    rewrapped.verifyMac(key);
    assertThrows(HeaderMacException.class, () -> sealed.verifyMac(FileKey.generate(RANDOM)));
  }

  @Test
  void rewrapWithoutAMatchingIdentityFails() throws AgeException {
    Header sealed = Header.seal(FileKey.generate(RANDOM), recipients(identities(1)), RANDOM);
    List<X25519Recipient> added = recipients(identities(1));
    assertThrows(NoIdentityMatchException.class, () -> sealed.rewrap(identities(1), added, RANDOM));
  }

  @Test
  void sealNeedsARecipient() {
    FileKey key = FileKey.generate(RANDOM);
    assertThrows(IllegalArgumentException.class, () -> Header.seal(key, List.of(), RANDOM));
  }
}
