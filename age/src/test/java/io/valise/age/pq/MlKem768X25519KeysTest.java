package io.valise.age.pq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.format.Bech32;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing, encoding and the value and secret contracts of the hybrid key types. */
class MlKem768X25519KeysTest {
  @Test
  void specExampleIdentityYieldsSpecExampleRecipient() {
    try (MlKem768X25519Identity identity = MlKem768X25519Identity.parse(SpecExample.IDENTITY)) {
      assertEquals(SpecExample.RECIPIENT, identity.recipient().encode());
      assertEquals(SpecExample.IDENTITY, identity.encode());
    }
    assertEquals(
        SpecExample.RECIPIENT, MlKem768X25519Recipient.parse(SpecExample.RECIPIENT).encode());
  }

  @Test
  void recipientParseNamesTheProblem() {
    String good = SpecExample.RECIPIENT;
    assertMessage("checksum", () -> MlKem768X25519Recipient.parse(good.replace("x34n", "x34m")));
    assertMessage(
        "prefix", () -> MlKem768X25519Recipient.parse(Bech32.encode("age", new byte[32])));
    assertMessage(
        "length", () -> MlKem768X25519Recipient.parse(Bech32.encode("age1pq", new byte[1215])));
    assertMessage("lower case", () -> MlKem768X25519Recipient.parse(good.toUpperCase(Locale.ROOT)));
    byte[] key = Bech32.decode(good).data();
    key[0] = (byte) 0xff;
    key[1] |= 0x0f; // an ML-KEM coefficient of 4095, at least q
    assertMessage("ML-KEM", () -> MlKem768X25519Recipient.parse(Bech32.encode("age1pq", key)));
    byte[] smallOrder = Bech32.decode(good).data();
    java.util.Arrays.fill(smallOrder, 1184, 1216, (byte) 0);
    assertMessage(
        "small order", () -> MlKem768X25519Recipient.parse(Bech32.encode("age1pq", smallOrder)));
  }

  @Test
  void identityParseNamesTheProblem() {
    assertMessage(
        "checksum",
        () -> MlKem768X25519Identity.parse(SpecExample.IDENTITY.replace("XX76", "XX77")));
    assertMessage(
        "prefix",
        () ->
            MlKem768X25519Identity.parse(
                Bech32.encode("AGE-SECRET-KEY-", new byte[32]).toUpperCase(Locale.ROOT)));
    assertMessage(
        "length",
        () ->
            MlKem768X25519Identity.parse(
                Bech32.encode("AGE-SECRET-KEY-PQ-", new byte[31]).toUpperCase(Locale.ROOT)));
    assertMessage(
        "upper case",
        () -> MlKem768X25519Identity.parse(SpecExample.IDENTITY.toLowerCase(Locale.ROOT)));
  }

  private static void assertMessage(String expected, Runnable parse) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, parse::run);
    String message = String.valueOf(e.getMessage());
    assertTrue(message.contains(expected), message);
    // The data part of the spec identity, in either case, must never be echoed.
    assertFalse(
        message.toUpperCase(Locale.ROOT).contains("XX76JRALNLXDMEW0"), "no secret in: " + message);
  }

  @Test
  void identityIsASecret() throws Exception {
    MlKem768X25519Identity identity = MlKem768X25519Identity.parse(SpecExample.IDENTITY);
    assertEquals("MlKem768X25519Identity[REDACTED]", identity.toString());
    assertEquals(MlKem768X25519Identity.parse(SpecExample.IDENTITY), identity);
    assertEquals(
        MlKem768X25519Identity.parse(SpecExample.IDENTITY).hashCode(), identity.hashCode());
    MlKem768X25519Recipient recipient = identity.recipient();
    identity.close();
    assertTrue(identity.isDestroyed());
    assertThrows(IllegalStateException.class, identity::encode);
    assertThrows(IllegalStateException.class, () -> identity.unwrap(List.of()));
    assertNotEquals(MlKem768X25519Identity.parse(SpecExample.IDENTITY), identity);
    assertEquals(SpecExample.RECIPIENT, recipient.encode());
  }

  @Test
  void recipientIsAValue() {
    MlKem768X25519Recipient a = MlKem768X25519Recipient.parse(SpecExample.RECIPIENT);
    MlKem768X25519Recipient b = MlKem768X25519Recipient.parse(SpecExample.RECIPIENT);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(SpecExample.RECIPIENT, a.toString());
    assertEquals(Set.of("postquantum"), a.labels());
  }
}
