package io.valise.age.stream;

import static io.valise.age.stream.Fixtures.FILE_KEY;
import static io.valise.age.stream.Fixtures.NONCE_BYTES;
import static io.valise.age.stream.Fixtures.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.valise.age.aead.AeadBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers for a fixed file key and nonce. The pinned values were computed outside Java, with
 * Python's {@code cryptography} 48.0.0 (OpenSSL): {@code HKDF(SHA256, 32, salt=nonce,
 * info=b"payload").derive(file_key)}, then {@code ChaCha20Poly1305(key).encrypt(i.to_bytes(11,
 * "big") + final_flag, chunk, None)} per 64 KiB chunk. {@link Reference} must agree with them too.
 */
class KnownAnswerTest {
  private static final byte[] HELLO = "age payload known answer\n".getBytes(StandardCharsets.UTF_8);
  private static final String HELLO_PAYLOAD =
      "f0e1d2c3b4a5968778695a4b3c2d1e0f9cd0027776b931079f189bc7f7c9daea2679f346959016b7f6"
          + "8cb5ac0863c207f1dfdad9e9e38c2316";
  private static final String EMPTY_PAYLOAD =
      "f0e1d2c3b4a5968778695a4b3c2d1e0f2db86af5c201bfa3a0fde521bd4c385d";
  private static final String PAYLOAD_KEY =
      "b9ce966bcfc572db5d2e4ca8cecffcf655b668d97ae9b7ec2db873270a3f69df";

  /** 65536 + 7 bytes {@code i % 251}: two chunks, the final one of 7 bytes. */
  private static final String TWO_CHUNKS_SHA256 =
      "3c09dd309d67cfba44d57c4258c9c1f94dbdfbc7266d2931712194b58db7f341";

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void streamingAndParallelEncryptionMatchKnownAnswers(AeadBackend backend) throws Exception {
    assertArrayEquals(hex(HELLO_PAYLOAD), streaming(HELLO, backend));
    assertArrayEquals(hex(HELLO_PAYLOAD), parallel(HELLO, backend));
    assertArrayEquals(hex(EMPTY_PAYLOAD), streaming(new byte[0], backend));
    assertArrayEquals(hex(EMPTY_PAYLOAD), parallel(new byte[0], backend));

    byte[] twoChunks = new byte[65536 + 7];
    for (int i = 0; i < twoChunks.length; i++) {
      twoChunks[i] = (byte) (i % 251);
    }
    assertEquals(TWO_CHUNKS_SHA256, sha256(streaming(twoChunks, backend)));
    assertEquals(TWO_CHUNKS_SHA256, sha256(parallel(twoChunks, backend)));
    assertArrayEquals(
        Reference.encrypt(FILE_KEY, NONCE_BYTES, twoChunks), parallel(twoChunks, backend));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void knownAnswersDecrypt(AeadBackend backend) throws Exception {
    for (Decryptor d : Decryptor.values()) {
      assertArrayEquals(HELLO, Fixtures.decrypt(d, hex(HELLO_PAYLOAD), backend), d.name());
      assertArrayEquals(new byte[0], Fixtures.decrypt(d, hex(EMPTY_PAYLOAD), backend), d.name());
    }
  }

  @org.junit.jupiter.api.Test
  void referenceAgreesWithTheKnownAnswers() throws Exception {
    assertArrayEquals(hex(PAYLOAD_KEY), Reference.payloadKey(FILE_KEY, NONCE_BYTES));
    assertArrayEquals(hex(HELLO_PAYLOAD), Reference.encrypt(FILE_KEY, NONCE_BYTES, HELLO));
  }

  private static byte[] streaming(byte[] plain, AeadBackend backend) throws Exception {
    var sink = new ByteArrayOutputStream();
    try (OutputStream out =
        Payload.encryptingStream(sink, Fixtures.fileKey(), new FixedRandom(NONCE_BYTES), backend)) {
      out.write(plain);
    }
    return sink.toByteArray();
  }

  private static byte[] parallel(byte[] plain, AeadBackend backend) throws Exception {
    var sink = new ByteArrayOutputStream();
    Payload.encrypt(
        new ByteArrayInputStream(plain),
        sink,
        Fixtures.fileKey(),
        new FixedRandom(NONCE_BYTES),
        backend,
        Progress.NONE);
    return sink.toByteArray();
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
