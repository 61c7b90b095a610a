package io.valise.age.aead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/** Where {@link KnownAnswer} comes from, and what {@link SelfTest} catches. */
class KnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 8439 section 2.8.2: the associated data and the tag printed there. */
  private static final byte[] RFC_AAD = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");

  private static final byte[] RFC_TAG = HEX.parseHex("1ae10b594f09e26a7e902ecbd0600691");

  @Test
  void ciphertextIsTheRfcsWhenTheJdkUsesTheRfcsAssociatedData() throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
    cipher.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(KnownAnswer.key(), "ChaCha20"),
        new IvParameterSpec(KnownAnswer.nonce()));
    cipher.updateAAD(RFC_AAD);
    byte[] sealed = cipher.doFinal(KnownAnswer.plaintext());

    byte[] ours = KnownAnswer.sealed();
    byte[] rfc = concat(Arrays.copyOf(ours, ours.length - RFC_TAG.length), RFC_TAG);
    assertArrayEquals(rfc, sealed);
  }

  @Test
  void tagWithoutAssociatedDataAgreesWithBouncyCastle() throws InvalidCipherTextException {
    ChaCha20Poly1305 bc = new ChaCha20Poly1305();
    bc.init(true, new ParametersWithIV(new KeyParameter(KnownAnswer.key()), KnownAnswer.nonce()));
    byte[] plaintext = KnownAnswer.plaintext();
    byte[] sealed = new byte[bc.getOutputSize(plaintext.length)];
    int written = bc.processBytes(plaintext, 0, plaintext.length, sealed, 0);
    bc.doFinal(sealed, written);
    assertArrayEquals(KnownAnswer.sealed(), sealed);
  }

  @Test
  void selfTestPassesTheJdk() {
    SelfTest.run(AeadBackends.jdk());
  }

  @Test
  void selfTestCatchesABackendThatIgnoresTags() {
    assertThrows(IllegalStateException.class, () -> SelfTest.run(TestBackends.ignoringTags()));
  }

  @Test
  void selfTestCatchesABackendWrongOnlyOnLongMessages() {
    assertThrows(
        IllegalStateException.class, () -> SelfTest.run(TestBackends.corruptingLongMessages()));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
