package io.valise.age.pq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.age.FileKey;
import io.valise.age.HeaderException;
import io.valise.age.Stanza;
import io.valise.age.format.Base64s;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Wrapping and unwrapping mlkem768x25519 stanzas, and rejecting malformed ones. */
class MlKem768X25519StanzaTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void wrapThenUnwrapRoundTrips() throws Exception {
    for (int i = 0; i < 20; i++) {
      try (MlKem768X25519Identity identity = MlKem768X25519Identity.generate(RANDOM);
          FileKey fileKey = FileKey.generate(RANDOM)) {
        MlKem768X25519Recipient recipient =
            MlKem768X25519Recipient.parse(identity.recipient().encode());
        List<Stanza> stanzas = recipient.wrap(fileKey, RANDOM);
        assertEquals(1, stanzas.size());
        Stanza s = stanzas.get(0);
        assertEquals("mlkem768x25519", s.type());
        assertEquals(2, s.args().size());
        assertEquals(1120, Base64s.decode(s.args().get(1)).length);
        assertEquals(32, s.bodyLength());
        assertEquals(Optional.of(fileKey), identity.unwrap(stanzas));
        assertEquals(identity, MlKem768X25519Identity.parse(identity.encode()));
      }
    }
  }

  @Test
  void anotherIdentityFindsNothing() throws Exception {
    try (MlKem768X25519Identity alice = MlKem768X25519Identity.generate(RANDOM);
        MlKem768X25519Identity bob = MlKem768X25519Identity.generate(RANDOM);
        FileKey fileKey = FileKey.generate(RANDOM)) {
      assertEquals(Optional.empty(), bob.unwrap(alice.recipient().wrap(fileKey, RANDOM)));
      assertNotEquals(alice, bob);
      assertNotEquals(alice.recipient(), bob.recipient());
    }
  }

  @Test
  void findsItsStanzaAmongOthers() throws Exception {
    try (MlKem768X25519Identity alice = MlKem768X25519Identity.generate(RANDOM);
        MlKem768X25519Identity bob = MlKem768X25519Identity.generate(RANDOM);
        FileKey fileKey = FileKey.generate(RANDOM)) {
      List<Stanza> stanzas =
          List.of(
              new Stanza(List.of("X25519", "abc"), new byte[32]),
              bob.recipient().wrap(fileKey, RANDOM).get(0),
              new Stanza(List.of("grease", "x"), new byte[5]),
              alice.recipient().wrap(fileKey, RANDOM).get(0));
      assertEquals(Optional.of(fileKey), alice.unwrap(stanzas));
      assertEquals(Optional.of(fileKey), bob.unwrap(stanzas));
      assertEquals(Optional.empty(), alice.unwrap(List.of(stanzas.get(0), stanzas.get(2))));
    }
  }

  @Test
  void malformedStanzasAreHeaderFailures() throws Exception {
    try (MlKem768X25519Identity identity = MlKem768X25519Identity.generate(RANDOM);
        FileKey fileKey = FileKey.generate(RANDOM)) {
      Stanza good = identity.recipient().wrap(fileKey, RANDOM).get(0);
      String enc = good.args().get(1);
      byte[] body = good.body();
      assertHeaderFailure(identity, List.of("mlkem768x25519"), body);
      assertHeaderFailure(identity, List.of("mlkem768x25519", enc, "extra"), body);
      assertHeaderFailure(identity, List.of("mlkem768x25519", enc), new byte[31]);
      assertHeaderFailure(identity, List.of("mlkem768x25519", enc), new byte[48]);
      assertHeaderFailure(identity, List.of("mlkem768x25519", enc + "A"), body);
      assertHeaderFailure(identity, List.of("mlkem768x25519", enc.substring(4)), body);
      assertHeaderFailure(identity, List.of("mlkem768x25519", nonCanonical(enc)), body);
      assertHeaderFailure(identity, List.of("mlkem768x25519", enc + "=="), body);
    }
  }

  @Test
  void malformedStanzaIsReportedEvenAfterAMatch() throws Exception {
    try (MlKem768X25519Identity identity = MlKem768X25519Identity.generate(RANDOM);
        FileKey fileKey = FileKey.generate(RANDOM)) {
      Stanza good = identity.recipient().wrap(fileKey, RANDOM).get(0);
      Stanza bad = new Stanza(good.args(), new byte[33]);
      assertThrows(HeaderException.class, () -> identity.unwrap(List.of(good, bad)));
    }
  }

  @Test
  void tamperedBodyOrEncIsNoMatch() throws Exception {
    try (MlKem768X25519Identity identity = MlKem768X25519Identity.generate(RANDOM);
        FileKey fileKey = FileKey.generate(RANDOM)) {
      Stanza good = identity.recipient().wrap(fileKey, RANDOM).get(0);
      for (int bit = 0; bit < 32 * 8; bit += 7) {
        byte[] body = good.body();
        body[bit / 8] ^= (byte) (1 << (bit % 8));
        assertEquals(Optional.empty(), identity.unwrap(List.of(new Stanza(good.args(), body))));
      }
      byte[] enc = Base64s.decode(good.args().get(1));
      enc[100] ^= 1; // ML-KEM part: implicit rejection, then the tag fails
      Stanza tampered = new Stanza(List.of("mlkem768x25519", Base64s.encode(enc)), good.body());
      assertEquals(Optional.empty(), identity.unwrap(List.of(tampered)));
    }
  }

  private static void assertHeaderFailure(
      MlKem768X25519Identity identity, List<String> args, byte[] body) {
    Stanza s = new Stanza(args, body);
    assertThrows(HeaderException.class, () -> identity.unwrap(List.of(s)), s.toString());
  }

  /** Flips a trailing bit that canonical base64 requires to be zero (1120 = 3 * 373 + 1). */
  private static String nonCanonical(String enc) {
    char last = enc.charAt(enc.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char flipped = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    return enc.substring(0, enc.length() - 1) + flipped;
  }

  @Test
  void wrapDrawsAllRandomnessFromTheGivenSource() throws Exception {
    try (MlKem768X25519Identity identity = MlKem768X25519Identity.parse(SpecExample.IDENTITY);
        FileKey fileKey = FileKey.of(new byte[16])) {
      byte[] script = new byte[64];
      Stanza first = identity.recipient().wrap(fileKey, new ScriptedRandom(script)).get(0);
      Stanza second = identity.recipient().wrap(fileKey, new ScriptedRandom(script)).get(0);
      assertEquals(first, second);
      assertArrayEquals(new byte[16], identity.unwrap(List.of(first)).orElseThrow().copyBytes());
    }
  }
}
