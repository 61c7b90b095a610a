package io.valise.age.stream;

import io.valise.age.FileKey;
import io.valise.age.aead.AeadBackend;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Fixed keys, plaintexts and payloads shared by the example-based payload tests. */
final class Fixtures {
  static final int CHUNK = Reference.CHUNK;
  static final int SEALED = CHUNK + 16;
  static final int NONCE = 16;

  static final byte[] FILE_KEY = hex("000102030405060708090a0b0c0d0e0f");
  static final byte[] NONCE_BYTES = hex("f0e1d2c3b4a5968778695a4b3c2d1e0f");

  private Fixtures() {}

  static FileKey fileKey() {
    return FileKey.of(FILE_KEY);
  }

  static byte[] plaintext(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  static byte[] payload(byte[] plaintext) {
    try {
      return Reference.encrypt(FILE_KEY, NONCE_BYTES, plaintext);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] payloadKey() throws GeneralSecurityException {
    return Reference.payloadKey(FILE_KEY, NONCE_BYTES);
  }

  static byte[] cut(byte[] b, int length) {
    return Arrays.copyOf(b, length);
  }

  static byte[] flip(byte[] b, int position, int bit) {
    byte[] c = b.clone();
    c[position] ^= (byte) (1 << bit);
    return c;
  }

  /** Every backend paired with every decryptor, for {@code @MethodSource}. */
  static Stream<Arguments> decryptors() {
    return Backends.named()
        .flatMap(b -> Arrays.stream(Decryptor.values()).map(d -> Arguments.of(b, d)));
  }

  static byte[] decrypt(Decryptor decryptor, byte[] payload, AeadBackend backend)
      throws java.io.IOException {
    return decryptor.decrypt(payload, fileKey(), backend, new Random(payload.length));
  }

  static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}
