package io.valise.age.pq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link XWing} and {@link XWingPrivateKey} against the X-Wing draft's first test vector. */
class XWingTest {
  private static final Map<String, byte[]> VECTOR = new HashMap<>();

  @BeforeAll
  static void load() throws IOException {
    String text;
    try (InputStream in = XWingTest.class.getResourceAsStream("xwing-vector.txt")) {
      assertNotNull(in, "xwing-vector.txt missing");
      text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    String name = "";
    StringBuilder hex = new StringBuilder();
    for (String line : (text + "\nend:").lines().toList()) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (line.endsWith(":")) {
        if (!name.isEmpty()) {
          VECTOR.put(name, HexFormat.of().parseHex(hex));
        }
        name = line.substring(0, line.length() - 1);
        hex.setLength(0);
      } else {
        hex.append(line.strip());
      }
    }
  }

  /** A fresh copy of a vector value, so tests may modify it. */
  private static byte[] v(String name) {
    return Objects.requireNonNull(VECTOR.get(name), name).clone();
  }

  @Test
  void keyGenerationFromSeed() {
    try (XWingPrivateKey key = XWingPrivateKey.fromSeed(v("seed"))) {
      assertArrayEquals(v("pk"), key.publicKey());
    }
  }

  @Test
  void decapsulation() throws Exception {
    try (XWingPrivateKey key = XWingPrivateKey.fromSeed(v("seed"))) {
      assertArrayEquals(v("ss"), key.decapsulate(v("ct")));
    }
  }

  @Test
  void derandomizedEncapsulation() throws Exception {
    ScriptedRandom random = new ScriptedRandom(v("eseed"));
    try (Kem.Encapsulation e = XWing.INSTANCE.encapsulate(v("pk"), random)) {
      assertArrayEquals(v("ct"), e.enc());
      assertArrayEquals(v("ss"), e.sharedSecret());
    }
    assertTrue(random.exhausted(), "encapsulation draws exactly 64 bytes");
  }

  @Test
  void tamperedMlKemCiphertextGivesAnotherSecret() throws Exception {
    byte[] ct = v("ct");
    ct[0] ^= 1;
    try (XWingPrivateKey key = XWingPrivateKey.fromSeed(v("seed"))) {
      assertFalse(Arrays.equals(v("ss"), key.decapsulate(ct)), "implicit rejection");
    }
  }

  @Test
  void smallOrderX25519ShareIsRejected() {
    byte[] ct = v("ct");
    Arrays.fill(ct, XWing.MLKEM_CIPHERTEXT_LENGTH, ct.length, (byte) 0);
    try (XWingPrivateKey key = XWingPrivateKey.fromSeed(v("seed"))) {
      assertThrows(InvalidKeyException.class, () -> key.decapsulate(ct));
      assertThrows(InvalidKeyException.class, () -> key.decapsulate(new byte[1119]));
    }
  }

  @Test
  void publicKeyChecks() throws Exception {
    XWing.checkPublicKey(v("pk"));
    assertThrows(InvalidKeyException.class, () -> XWing.checkPublicKey(new byte[1215]));
    byte[] badModulus = v("pk");
    badModulus[0] = (byte) 0xff; // first 12-bit coefficient becomes 0x?ff with high nibble kept
    badModulus[1] |= 0x0f; // coefficient 0xfff = 4095 >= q = 3329
    InvalidKeyException e =
        assertThrows(InvalidKeyException.class, () -> XWing.checkPublicKey(badModulus));
    assertTrue(String.valueOf(e.getMessage()).contains("ML-KEM"), e.getMessage());
    byte[] smallOrder = v("pk");
    Arrays.fill(smallOrder, XWing.MLKEM_PUBLIC_KEY_LENGTH, smallOrder.length, (byte) 0);
    assertThrows(InvalidKeyException.class, () -> XWing.checkPublicKey(smallOrder));
  }

  @Test
  void closedKeyRefusesToDecapsulate() {
    XWingPrivateKey key = XWingPrivateKey.fromSeed(v("seed"));
    key.close();
    assertThrows(IllegalStateException.class, () -> key.decapsulate(v("ct")));
  }

  @Test
  void randomRoundTrip() throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    try (XWingPrivateKey key = XWingPrivateKey.fromSeed(seed);
        Kem.Encapsulation e = XWing.INSTANCE.encapsulate(key.publicKey(), random)) {
      assertEquals(XWing.ENC_LENGTH, e.enc().length);
      assertArrayEquals(e.sharedSecret(), key.decapsulate(e.enc()));
    }
  }
}
