package io.valise.tlog.note;

import static io.valise.tlog.note.GoVectors.ENOCH_VKEY;
import static io.valise.tlog.note.GoVectors.PETER_SKEY;
import static io.valise.tlog.note.GoVectors.PETER_VKEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class NoteKeysTest {

  @Test
  void parsesTheGoVerifierKey() throws Exception {
    NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
    assertEquals("PeterNeumann", peter.name());
    assertEquals(0xc74f20a3, peter.keyId());
    assertEquals("PeterNeumann+c74f20a3", peter.label());
    assertEquals(PETER_VKEY, peter.encode());
    assertEquals(0xaf0cfe78, NoteVerifier.parse(ENOCH_VKEY).keyId());
  }

  @Test
  void keyIdIsTheFirstFourBytesOfSha256OfNameNewlineTypeKey() throws Exception {
    NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("PeterNeumann\n".getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x01);
    sha.update(peter.publicKey());
    byte[] digest = sha.digest();
    int expected =
        ((digest[0] & 0xff) << 24)
            | ((digest[1] & 0xff) << 16)
            | ((digest[2] & 0xff) << 8)
            | (digest[3] & 0xff);
    assertEquals(expected, peter.keyId());
    assertEquals(0xc74f20a3, expected);
  }

  @Test
  void parsesTheGoSignerKeyAndDerivesItsPublicKey() throws Exception {
    try (NoteSigner peter = NoteSigner.parse(PETER_SKEY.toCharArray())) {
      assertEquals("PeterNeumann", peter.name());
      assertEquals(0xc74f20a3, peter.keyId());
      assertEquals(PETER_VKEY, peter.verifier().encode());
      char[] encoded = peter.encode();
      assertEquals(PETER_SKEY, new String(encoded));
      Arrays.fill(encoded, '\0');
    }
  }

  @Test
  void signerToStringIsRedacted() throws Exception {
    NoteSigner peter = NoteSigner.parse(PETER_SKEY.toCharArray());
    String shown = peter.toString();
    assertTrue(shown.contains("PeterNeumann+c74f20a3"), shown);
    assertTrue(shown.contains("redacted"), shown);
    String material = PETER_SKEY.substring("PRIVATE+KEY+PeterNeumann+c74f20a3+".length());
    assertFalse(shown.contains(material), shown);
    assertFalse(shown.contains(material.substring(0, 8)), shown);
  }

  @Test
  void destroyedSignerCannotSign() throws Exception {
    NoteSigner peter = NoteSigner.parse(PETER_SKEY.toCharArray());
    peter.destroy();
    assertTrue(peter.isDestroyed());
    assertThrows(IllegalStateException.class, () -> peter.sign(new byte[] {1}));
    assertThrows(IllegalStateException.class, peter::encode);
  }

  @Test
  void refusesEveryManglingOfTheVerifierKey() {
    // As Go's TestNewVerifier: every proper substring, and every single-byte increment.
    byte[] b = PETER_VKEY.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i <= b.length; i++) {
      for (int j = i + 1; j <= b.length; j++) {
        if (i != 0 || j != b.length) {
          String k = new String(b, i, j - i, StandardCharsets.UTF_8);
          assertThrows(NoteException.class, () -> NoteVerifier.parse(k), k);
        }
      }
    }
    for (int i = 0; i < b.length; i++) {
      b[i]++;
      String k = new String(b, StandardCharsets.UTF_8);
      assertThrows(NoteException.class, () -> NoteVerifier.parse(k), k);
      b[i]--;
    }
    // Go's: wrong length key with adjusted key hash; unknown algorithm with adjusted key hash.
    assertThrows(
        NoteException.class,
        () ->
            NoteVerifier.parse(
                "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="));
    assertThrows(
        NoteException.class,
        () ->
            NoteVerifier.parse(
                "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
  }

  @Test
  void refusesEveryManglingOfTheSignerKey() {
    byte[] b = PETER_SKEY.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i <= b.length; i++) {
      for (int j = i + 1; j <= b.length; j++) {
        if (i != 0 || j != b.length) {
          char[] k = new String(b, i, j - i, StandardCharsets.UTF_8).toCharArray();
          assertThrows(NoteException.class, () -> NoteSigner.parse(k));
        }
      }
    }
    for (int i = 0; i < b.length; i++) {
      b[i]++;
      char[] k = new String(b, StandardCharsets.UTF_8).toCharArray();
      assertThrows(NoteException.class, () -> NoteSigner.parse(k));
      b[i]--;
    }
  }

  @Test
  void keyErrorsSayWhatIsWrong() {
    NoteException wrongId =
        assertThrows(
            NoteException.class,
            () ->
                NoteVerifier.parse(
                    "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
    assertTrue(
        String.valueOf(wrongId.getMessage()).contains("wrong key id"),
        String.valueOf(wrongId.getMessage()));
    NoteException badSkey =
        assertThrows(
            NoteException.class,
            () ->
                NoteSigner.parse(
                    "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
                        .toCharArray()));
    assertTrue(
        String.valueOf(badSkey.getMessage()).contains("wrong key id"),
        String.valueOf(badSkey.getMessage()));
    assertFalse(
        String.valueOf(badSkey.getMessage()).contains("AYEKFALV"),
        String.valueOf(badSkey.getMessage()));
  }

  @Test
  void rawKeysConvertToAndFromTheJdkEncodings() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    NoteVerifier verifier = NoteVerifier.of("jdk", pair.getPublic());
    byte[] raw = verifier.publicKey();
    assertEquals(32, raw.length);
    assertArrayEquals(raw, Ed25519.rawPublicKey(Ed25519.publicKey(raw)));
    assertEquals(pair.getPublic(), Ed25519.publicKey(raw));

    byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initSign(pair.getPrivate());
    jdk.update(message);
    byte[] signature = jdk.sign();
    assertTrue(verifier.verify(message, signature));
    signature[0] ^= 1;
    assertFalse(verifier.verify(message, signature));

    assertThrows(IllegalArgumentException.class, () -> NoteVerifier.of("short", new byte[31]));
  }

  @Test
  void rfc8032SeedGivesItsPublicKey() {
    // RFC 8032 section 7.1, TEST 1: secret key and public key.
    byte[] seed =
        java.util.HexFormat.of()
            .parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    byte[] pub =
        java.util.HexFormat.of()
            .parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    try (NoteSigner signer = NoteSigner.fromSeed("rfc8032", seed)) {
      assertArrayEquals(pub, signer.verifier().publicKey());
    }
  }

  @Test
  void generatedKeysRoundTripThroughTheirTextForms() throws Exception {
    SecureRandom random = new SecureRandom();
    try (NoteSigner signer = NoteSigner.generate("example.com/log", random)) {
      char[] skey = signer.encode();
      try (NoteSigner again = NoteSigner.parse(skey)) {
        assertEquals(signer.verifier(), again.verifier());
      } finally {
        Arrays.fill(skey, '\0');
      }
      NoteVerifier verifier = NoteVerifier.parse(signer.verifier().encode());
      byte[] message = {1, 2, 3};
      assertTrue(verifier.verify(message, signer.sign(message)));
      // The base64 may itself hold '+': it starts after name+keyid+.
      String vkey = signer.verifier().encode();
      String b64 = vkey.substring(signer.verifier().label().length() + 1);
      assertEquals(33, Base64.getDecoder().decode(b64).length);
    }
  }

  @Test
  void refusesBadNames() {
    byte[] key = new byte[32];
    key[0] = 9;
    for (String bad : new String[] {"", "a+b", "a b", "a\tb", "a\u00a0b", "a\u2003b", "a\nb"}) {
      assertThrows(IllegalArgumentException.class, () -> NoteVerifier.of(bad, key), bad);
    }
  }
}
