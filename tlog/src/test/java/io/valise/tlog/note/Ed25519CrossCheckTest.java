package io.valise.tlog.note;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Notes are signed with Bouncy Castle's Ed25519 and verified with the JDK's: both must be RFC 8032
 * to the byte. For many seeds and messages of every small length, the public key and the signature
 * equal what the JDK's own Ed25519 derives and signs (the reference here), and the JDK verifies
 * them. The fixed vectors (RFC 8032 TEST 1, Go's note keys) are in {@link NoteKeysTest}.
 */
class Ed25519CrossCheckTest {
  /** DER of OneAsymmetricKey v1 { id-Ed25519 }, OCTET STRING(OCTET STRING of 32), less the seed. */
  private static final byte[] PKCS8_PREFIX = {
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
  };

  @Test
  void signaturesAndPublicKeysEqualTheJdks() throws Exception {
    Random sizes = new Random(6962); // lengths and contents only; keys come from SecureRandom
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 300; i++) {
      byte[] seed = new byte[Ed25519.KEY_SIZE];
      random.nextBytes(seed);
      byte[] message = new byte[i < 200 ? i : sizes.nextInt(4096)];
      sizes.nextBytes(message);

      byte[] publicKey = Ed25519.publicKeyOfSeed(seed);
      assertArrayEquals(jdkPublicKey(seed), publicKey, "public key, case " + i);
      byte[] signature = Ed25519.sign(seed, publicKey, message);
      assertArrayEquals(jdkSign(seed, message), signature, "signature, case " + i);
      assertTrue(Ed25519.verify(Ed25519.publicKey(publicKey), message, signature), "case " + i);
      if (message.length > 0) {
        message[sizes.nextInt(message.length)] ^= 1;
        assertFalse(Ed25519.verify(Ed25519.publicKey(publicKey), message, signature));
      }
    }
  }

  @Test
  void refusesKeysOfTheWrongSize() {
    byte[] seed = new byte[Ed25519.KEY_SIZE];
    assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKeyOfSeed(new byte[31]));
    assertThrows(
        IllegalArgumentException.class,
        () -> Ed25519.sign(new byte[33], Ed25519.publicKeyOfSeed(seed), new byte[1]));
    assertThrows(
        IllegalArgumentException.class, () -> Ed25519.sign(seed, new byte[31], new byte[1]));
  }

  private static byte[] jdkSign(byte[] seed, byte[] message) throws Exception {
    byte[] der = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + Ed25519.KEY_SIZE);
    System.arraycopy(seed, 0, der, PKCS8_PREFIX.length, Ed25519.KEY_SIZE);
    PrivateKey key =
        KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(key);
    s.update(message);
    return s.sign();
  }

  /** The JDK's key generator, handed the seed as its one draw of randomness. */
  private static byte[] jdkPublicKey(byte[] seed) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
    return Ed25519.rawPublicKey(generator.generateKeyPair().getPublic());
  }

  private static final class FixedSeed extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    FixedSeed(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException("unexpected draw of " + bytes.length + " bytes");
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
    }
  }
}
