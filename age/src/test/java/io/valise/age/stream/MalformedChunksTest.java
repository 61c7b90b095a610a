package io.valise.age.stream;

import static io.valise.age.stream.Fixtures.CHUNK;
import static io.valise.age.stream.Fixtures.NONCE_BYTES;
import static io.valise.age.stream.Fixtures.decrypt;
import static io.valise.age.stream.Fixtures.plaintext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Payloads built chunk by chunk with {@link Reference}, each breaking one rule of age.md's
 * "Payload" with validly authenticated chunks, so only the framing rules can reject them.
 */
class MalformedChunksTest {
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.valise.age.stream.Fixtures#decryptors")
  void emptyFinalChunkAfterAFullChunkIsRejected(AeadBackend backend, Decryptor decryptor)
      throws Exception {
    byte[] key = Fixtures.payloadKey();
    byte[] payload =
        Reference.concat(
            NONCE_BYTES,
            Reference.chunk(key, 0, false, plaintext(CHUNK)),
            Reference.chunk(key, 1, true, new byte[0]));
    rejects(backend, decryptor, payload, "empty");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.valise.age.stream.Fixtures#decryptors")
  void fullChunkMarkedFinalFollowedByDataIsRejected(AeadBackend backend, Decryptor decryptor)
      throws Exception {
    byte[] key = Fixtures.payloadKey();
    byte[] payload =
        Reference.concat(
            NONCE_BYTES,
            Reference.chunk(key, 0, true, plaintext(CHUNK)),
            Reference.chunk(key, 1, true, plaintext(10)));
    rejects(backend, decryptor, payload, "Chunk [0]");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.valise.age.stream.Fixtures#decryptors")
  void shortChunkMarkedFinalFollowedByAnotherFinalChunkIsRejected(
      AeadBackend backend, Decryptor decryptor) throws Exception {
    byte[] key = Fixtures.payloadKey();
    byte[] payload =
        Reference.concat(
            NONCE_BYTES,
            Reference.chunk(key, 0, true, plaintext(100)),
            Reference.chunk(key, 1, true, plaintext(100)));
    rejects(backend, decryptor, payload, "Chunk [0]");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.valise.age.stream.Fixtures#decryptors")
  void shortNonFinalChunkIsRejected(AeadBackend backend, Decryptor decryptor) throws Exception {
    byte[] key = Fixtures.payloadKey();
    byte[] payload =
        Reference.concat(
            NONCE_BYTES,
            Reference.chunk(key, 0, false, plaintext(100)),
            Reference.chunk(key, 1, true, plaintext(100)));
    rejects(backend, decryptor, payload, "Chunk [0]");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.valise.age.stream.Fixtures#decryptors")
  void payloadWithoutFinalChunkIsRejected(AeadBackend backend, Decryptor decryptor)
      throws Exception {
    byte[] key = Fixtures.payloadKey();
    byte[] payload =
        Reference.concat(NONCE_BYTES, Reference.chunk(key, 0, false, plaintext(CHUNK)));
    rejects(backend, decryptor, payload, "not marked final");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.valise.age.stream.Fixtures#decryptors")
  void reorderedChunksAreRejected(AeadBackend backend, Decryptor decryptor) throws Exception {
    byte[] key = Fixtures.payloadKey();
    byte[] payload =
        Reference.concat(
            NONCE_BYTES,
            Reference.chunk(key, 1, false, plaintext(CHUNK)),
            Reference.chunk(key, 0, false, plaintext(CHUNK)),
            Reference.chunk(key, 2, true, plaintext(5)));
    rejects(backend, decryptor, payload, "Chunk [");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.valise.age.stream.Fixtures#decryptors")
  void emptyPayloadIsOneEmptyFinalChunk(AeadBackend backend, Decryptor decryptor) throws Exception {
    byte[] payload =
        Reference.concat(NONCE_BYTES, Reference.chunk(Fixtures.payloadKey(), 0, true, new byte[0]));
    assertArrayEquals(new byte[0], decrypt(decryptor, payload, backend));
  }

  private static void rejects(
      AeadBackend backend, Decryptor decryptor, byte[] payload, String messagePart) {
    var e = assertThrows(PayloadException.class, () -> decrypt(decryptor, payload, backend));
    assertTrue(
        e.getMessage() != null && e.getMessage().contains(messagePart),
        () -> "message [" + e.getMessage() + "] lacks [" + messagePart + "]");
  }
}
