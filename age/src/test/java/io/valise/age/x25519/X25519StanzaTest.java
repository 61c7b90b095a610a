package io.valise.age.x25519;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.FileKey;
import io.valise.age.HeaderException;
import io.valise.age.Stanza;
import io.valise.age.format.Base64s;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the X25519 identity does with hostile stanzas. */
class X25519StanzaTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X25519Identity identity = X25519Identity.generate(RANDOM);

  private static Stanza stanza(String share, int bodyLength) {
    return new Stanza(List.of("X25519", share), new byte[bodyLength]);
  }

  /**
   * Shares whose product with any scalar is the all-zero secret: the points of order 1, 2, 4 and 8
   * and their encodings above the field prime, little-endian (the list that libsodium and others
   * block). age.md requires refusing them, so a hostile sender cannot force a known key.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "0100000000000000000000000000000000000000000000000000000000000080",
      })
  void lowOrderSharesAreRefused(String hex) {
    String share = Base64s.encode(HexFormat.of().parseHex(hex));
    HeaderException e =
        assertThrows(HeaderException.class, () -> identity.unwrap(List.of(stanza(share, 32))), hex);
    assertTrue(String.valueOf(e.getMessage()).contains("low-order"), e.getMessage());
  }

  @Test
  void malformedStanzasAreRefused() {
    String share = Base64s.encode(new byte[32]).replace('A', 'B');
    assertThrows(
        HeaderException.class,
        () -> identity.unwrap(List.of(new Stanza(List.of("X25519"), new byte[32]))));
    assertThrows(
        HeaderException.class,
        () -> identity.unwrap(List.of(new Stanza(List.of("X25519", share, "x"), new byte[32]))));
    assertThrows(HeaderException.class, () -> identity.unwrap(List.of(stanza(share, 31))));
    assertThrows(HeaderException.class, () -> identity.unwrap(List.of(stanza(share, 33))));
    String shortShare = Base64s.encode(new byte[31]);
    assertThrows(HeaderException.class, () -> identity.unwrap(List.of(stanza(shortShare, 32))));
    // 43 characters whose last one carries non-zero trailing bits.
    String nonCanonical = share.substring(0, 42) + "C";
    assertThrows(HeaderException.class, () -> identity.unwrap(List.of(stanza(nonCanonical, 32))));
  }

  @Test
  void aStanzaForSomeoneElseIsSkipped() throws HeaderException {
    FileKey key = FileKey.generate(RANDOM);
    List<Stanza> theirs = X25519Identity.generate(RANDOM).recipient().wrap(key, RANDOM);
    List<Stanza> mine = identity.recipient().wrap(key, RANDOM);
    List<Stanza> other = List.of(new Stanza(List.of("ssh-ed25519", "abc"), new byte[5]));
    assertTrue(identity.unwrap(theirs).isEmpty());
    List<Stanza> all = Stream.of(other, theirs, mine).flatMap(List::stream).toList();
    assertEquals(key, identity.unwrap(all).orElseThrow());
  }
}
