package io.valise.age.stream;

import static io.valise.age.stream.Fixtures.CHUNK;
import static io.valise.age.stream.Fixtures.NONCE;
import static io.valise.age.stream.Fixtures.SEALED;
import static io.valise.age.stream.Fixtures.cut;
import static io.valise.age.stream.Fixtures.decrypt;
import static io.valise.age.stream.Fixtures.flip;
import static io.valise.age.stream.Fixtures.payload;
import static io.valise.age.stream.Fixtures.plaintext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each class of truncation, corruption and trailing data is rejected by every decryptor on every
 * backend, with a {@link PayloadException}.
 */
class TamperTest {
  /** Three chunks, the final one partial. */
  private static final byte[] THREE = payload(plaintext(2 * CHUNK + 100));

  /** Two chunks, the final one full. */
  private static final byte[] TWO_FULL = payload(plaintext(2 * CHUNK));

  private static final byte[] EMPTY = payload(plaintext(0));

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.valise.age.stream.Fixtures#decryptors")
  void truncationAtEveryPointClassIsRejected(AeadBackend backend, Decryptor decryptor) {
    int[] cuts = {
      0, // nothing at all
      1, // inside the nonce
      NONCE - 1, // inside the nonce
      NONCE, // nonce but no chunk
      NONCE + 8, // inside the first chunk's ciphertext
      NONCE + SEALED, // chunk boundary: the final chunk is missing
      NONCE + SEALED + CHUNK + 4, // inside the tag of the second chunk
      NONCE + 2 * SEALED, // chunk boundary before the final chunk
      NONCE + 2 * SEALED + 16, // final chunk cut to an empty one
      NONCE + 2 * SEALED + 8, // final chunk shorter than a tag
      THREE.length - 1, // inside the final tag
    };
    for (int length : cuts) {
      rejects(backend, decryptor, cut(THREE, length));
    }
    rejects(backend, decryptor, cut(TWO_FULL, NONCE + SEALED)); // missing full final chunk
    rejects(backend, decryptor, cut(TWO_FULL, TWO_FULL.length - 1));
    rejects(backend, decryptor, cut(EMPTY, NONCE + 15)); // the only tag cut short
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.valise.age.stream.Fixtures#decryptors")
  void bitFlipsInNonceCiphertextAndTagAreRejected(AeadBackend backend, Decryptor decryptor) {
    int[] positions = {
      0, // nonce
      NONCE - 1, // nonce
      NONCE, // first ciphertext byte of chunk 0
      NONCE + CHUNK, // first tag byte of chunk 0
      NONCE + SEALED - 1, // last tag byte of chunk 0
      NONCE + SEALED + 1000, // chunk 1
      NONCE + 2 * SEALED, // first byte of the final chunk
      THREE.length - 1, // last byte of the final tag
    };
    for (int position : positions) {
      for (int bit : new int[] {0, 7}) {
        rejects(backend, decryptor, flip(THREE, position, bit));
      }
    }
    rejects(backend, decryptor, flip(EMPTY, NONCE + 3, 2));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.valise.age.stream.Fixtures#decryptors")
  void trailingBytesAreRejected(AeadBackend backend, Decryptor decryptor) {
    Random random = new Random(1);
    for (byte[] valid : new byte[][] {THREE, TWO_FULL, EMPTY}) {
      for (int extra : new int[] {1, 15, 16, 17, SEALED - 1, SEALED, SEALED + 1}) {
        byte[] trailing = new byte[extra];
        random.nextBytes(trailing);
        rejects(backend, decryptor, Reference.concat(valid, trailing));
      }
      rejects(backend, decryptor, Reference.concat(valid, valid)); // a whole second payload
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.valise.age.stream.Fixtures#decryptors")
  void wrongFileKeyIsRejected(AeadBackend backend, Decryptor decryptor) {
    byte[] otherKey = Fixtures.FILE_KEY.clone();
    otherKey[0] ^= 1;
    for (byte[] valid : new byte[][] {THREE, EMPTY}) {
      assertThrows(
          PayloadException.class,
          () ->
              decryptor.decrypt(valid, io.valise.age.FileKey.of(otherKey), backend, new Random(0)));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.valise.age.stream.Fixtures#decryptors")
  void untamperedPayloadsDecrypt(AeadBackend backend, Decryptor decryptor) throws Exception {
    // The control: the fixtures themselves are valid, so each rejection above is the tampering's.
    assertArrayEquals(plaintext(2 * CHUNK + 100), decrypt(decryptor, THREE, backend));
    assertArrayEquals(plaintext(2 * CHUNK), decrypt(decryptor, TWO_FULL, backend));
    assertArrayEquals(new byte[0], decrypt(decryptor, EMPTY, backend));
  }

  static void rejects(AeadBackend backend, Decryptor decryptor, byte[] payload) {
    assertThrows(
        PayloadException.class,
        () -> decrypt(decryptor, payload, backend),
        () -> "payload of " + payload.length + " bytes was accepted");
  }
}
