package io.valise.age.x25519;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Encoding, parsing and printing of X25519 identities and recipients. */
class X25519KeysTest {
  /** The example key pair of age.md ("The X25519 recipient type"). */
  static final String SPEC_IDENTITY =
      "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";

  static final String SPEC_RECIPIENT =
      "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void theSpecExampleIdentityYieldsItsRecipient() {
    X25519Identity id = X25519Identity.parse(SPEC_IDENTITY);
    assertEquals(SPEC_RECIPIENT, id.recipient().encode());
    assertEquals(SPEC_IDENTITY, id.encode());
    assertEquals(id.recipient(), X25519Recipient.parse(SPEC_RECIPIENT));
  }

  @Test
  void identitiesRoundTripThroughTheirEncoding() {
    for (int i = 0; i < 20; i++) {
      X25519Identity id = X25519Identity.generate(RANDOM);
      String text = id.encode();
      assertTrue(text.startsWith("AGE-SECRET-KEY-1"), text);
      assertEquals(text.toUpperCase(Locale.ROOT), text);
      X25519Identity back = X25519Identity.parse(text);
      assertEquals(id, back);
      assertEquals(id.hashCode(), back.hashCode());
      assertEquals(id.recipient(), back.recipient());
      assertEquals(id, X25519Identity.parse(text.toLowerCase(Locale.ROOT)));
      assertEquals(id.recipient(), X25519Recipient.parse(id.recipient().encode()));
    }
  }

  @Test
  void toStringNeverShowsTheSecret() {
    X25519Identity id = X25519Identity.generate(RANDOM);
    String secretPart = id.encode().substring("AGE-SECRET-KEY-1".length(), 60);
    String shown = id.toString().toUpperCase(Locale.ROOT);
    assertFalse(shown.contains(secretPart), shown);
    assertTrue(shown.contains("REDACTED"));
  }

  @Test
  void parseErrorsNeverEchoTheKey() {
    String damaged = SPEC_IDENTITY.substring(0, SPEC_IDENTITY.length() - 1) + "Q";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> X25519Identity.parse(damaged));
    String secretPart = SPEC_IDENTITY.substring(16, 50);
    assertFalse(String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT).contains(secretPart));
  }

  @Test
  void keysOfTheWrongKindOrLengthAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> X25519Identity.parse(SPEC_RECIPIENT));
    assertThrows(IllegalArgumentException.class, () -> X25519Recipient.parse(SPEC_IDENTITY));
    String shortKey = io.valise.age.format.Bech32.encode("age", new byte[31]);
    assertThrows(IllegalArgumentException.class, () -> X25519Recipient.parse(shortKey));
    String shortSecret = io.valise.age.format.Bech32.encode("age-secret-key-", new byte[33]);
    assertThrows(IllegalArgumentException.class, () -> X25519Identity.parse(shortSecret));
    String mixed = SPEC_RECIPIENT.replace("age1z", "age1Z");
    assertThrows(IllegalArgumentException.class, () -> X25519Recipient.parse(mixed));
  }

  @Test
  void aDestroyedIdentityIsWipedAndUnusable() {
    X25519Identity id = X25519Identity.parse(SPEC_IDENTITY);
    id.destroy();
    assertTrue(id.isDestroyed());
    assertThrows(IllegalStateException.class, id::encode);
    assertNotEquals(X25519Identity.parse(SPEC_IDENTITY), id);
  }
}
