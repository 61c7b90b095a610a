package io.valise.age.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.InvalidKeyException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class X25519Test {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void rfc7748Section52Vector() throws Exception {
    byte[] scalar =
        HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
    byte[] u = HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
    assertArrayEquals(
        HEX.parseHex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
        X25519.sharedSecret(scalar, u));
  }

  @Test
  void rfc7748Section61DiffieHellman() throws Exception {
    byte[] alice = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] bob = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    byte[] alicePub = X25519.publicKey(alice);
    byte[] bobPub = X25519.publicKey(bob);
    assertArrayEquals(
        HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"), alicePub);
    assertArrayEquals(
        HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), bobPub);
    byte[] shared =
        HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    assertArrayEquals(shared, X25519.sharedSecret(alice, bobPub));
    assertArrayEquals(shared, X25519.sharedSecret(bob, alicePub));
  }

  @Test
  void nonCanonicalCoordinateIsReducedModuloP() throws Exception {
    byte[] scalar =
        HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
    byte[] nine = new byte[32];
    nine[0] = 9;
    // p + 9 = 2^255 - 10, little-endian
    byte[] pPlusNine =
        HEX.parseHex("f6ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    assertArrayEquals(X25519.publicKey(scalar), X25519.sharedSecret(scalar, pPlusNine));
    assertArrayEquals(X25519.publicKey(scalar), X25519.sharedSecret(scalar, nine));
  }

  @Test
  void topBitOfCoordinateIsIgnored() throws Exception {
    byte[] scalar =
        HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
    byte[] u = HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
    byte[] high = u.clone();
    high[31] |= (byte) 0x80;
    assertArrayEquals(X25519.sharedSecret(scalar, u), X25519.sharedSecret(scalar, high));
  }

  @Test
  void smallOrderPointsAreRejected() {
    byte[] scalar =
        HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
    byte[] zero = new byte[32];
    byte[] one = new byte[32];
    one[0] = 1;
    // A point of order 8 (from the list of Curve25519 small-order points).
    byte[] order8 =
        HEX.parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
    assertThrows(InvalidKeyException.class, () -> X25519.sharedSecret(scalar, zero));
    assertThrows(InvalidKeyException.class, () -> X25519.sharedSecret(scalar, one));
    assertThrows(InvalidKeyException.class, () -> X25519.sharedSecret(scalar, order8));
  }

  @Test
  void wrongLengthsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> X25519.publicKey(new byte[31]));
    assertThrows(
        IllegalArgumentException.class, () -> X25519.sharedSecret(new byte[32], new byte[33]));
  }
}
