package io.valise.age.stream;

import static io.valise.age.stream.Fixtures.CHUNK;
import static io.valise.age.stream.Fixtures.NONCE;
import static io.valise.age.stream.Fixtures.SEALED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Open-time checks, chunk-level failure containment and the API contract of SeekablePayload. */
class SeekablePayloadTest {
  private static final byte[] PLAIN = Fixtures.plaintext(3 * CHUNK + 10);
  private static final byte[] PAYLOAD = Fixtures.payload(PLAIN);

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void openRejectsPayloadsWhoseEndIsWrong(AeadBackend backend) {
    assertOpenFails(backend, Arrays.copyOf(PAYLOAD, NONCE - 1), "nonce");
    assertOpenFails(backend, Arrays.copyOf(PAYLOAD, NONCE), "truncated");
    assertOpenFails(backend, Arrays.copyOf(PAYLOAD, NONCE + 3 * SEALED), "not marked final");
    assertOpenFails(backend, Arrays.copyOf(PAYLOAD, NONCE + 3 * SEALED + 16), "empty");
    assertOpenFails(backend, Arrays.copyOf(PAYLOAD, PAYLOAD.length + 1), "Chunk [3]");
    assertOpenFails(backend, Fixtures.flip(PAYLOAD, 0, 0), "Chunk [3]");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void aBadChunkFailsOnlyTheReadsThatTouchIt(AeadBackend backend) throws IOException {
    byte[] bad = Fixtures.flip(PAYLOAD, NONCE + SEALED + 5, 4); // chunk 1
    try (var reader = SeekablePayload.open(new BytesChannel(bad), 0, Fixtures.fileKey(), backend)) {
      assertEquals(PLAIN.length, reader.size());
      byte[] b = new byte[100];
      reader.readFully(2 * CHUNK + 7, b, 0, b.length);
      assertArrayEquals(Arrays.copyOfRange(PLAIN, 2 * CHUNK + 7, 2 * CHUNK + 107), b);
      for (int attempt = 0; attempt < 2; attempt++) { // a failure must not poison the cache
        var e = assertThrows(PayloadException.class, () -> reader.readFully(CHUNK + 1, b, 0, 1));
        assertTrue(String.valueOf(e.getMessage()).contains("Chunk [1]"), e.getMessage());
        reader.readFully(CHUNK - 100, b, 0, 100);
        assertArrayEquals(Arrays.copyOfRange(PLAIN, CHUNK - 100, CHUNK), b);
      }
      // A read spanning the bad chunk fails as a whole.
      assertThrows(PayloadException.class, () -> reader.readFully(CHUNK - 1, b, 0, 2));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void worksOnAFileChannelAndLeavesItOpen(AeadBackend backend, @TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("envelope.age");
    byte[] header =
        "age-encryption.org/v1\n-> fake\n--- mac\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Files.write(file, Reference.concat(header, PAYLOAD));
    try (FileChannel channel = FileChannel.open(file)) {
      var reader = SeekablePayload.open(channel, header.length, Fixtures.fileKey(), backend);
      byte[] all = new byte[PLAIN.length];
      reader.readFully(0, all, 0, all.length);
      assertArrayEquals(PLAIN, all);
      reader.close();
      assertTrue(channel.isOpen());
      assertThrows(IOException.class, () -> reader.read(0, ByteBuffer.allocate(1)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void argumentsAreChecked(AeadBackend backend) throws IOException {
    assertThrows(
        IllegalArgumentException.class,
        () -> SeekablePayload.open(new BytesChannel(PAYLOAD), -1, Fixtures.fileKey(), backend));
    try (var reader =
        SeekablePayload.open(new BytesChannel(PAYLOAD), 0, Fixtures.fileKey(), backend)) {
      byte[] b = new byte[10];
      assertThrows(IllegalArgumentException.class, () -> reader.read(-1, ByteBuffer.wrap(b)));
      assertThrows(
          IndexOutOfBoundsException.class, () -> reader.readFully(PLAIN.length - 5, b, 0, 10));
      assertThrows(IndexOutOfBoundsException.class, () -> reader.readFully(0, b, 5, 10));
      assertEquals(0, reader.read(0, ByteBuffer.allocate(0)));
      assertEquals(-1, reader.read(PLAIN.length + 100L, ByteBuffer.wrap(b)));
    }
  }

  private static void assertOpenFails(AeadBackend backend, byte[] payload, String messagePart) {
    var e =
        assertThrows(
            PayloadException.class,
            () -> SeekablePayload.open(new BytesChannel(payload), 0, Fixtures.fileKey(), backend));
    assertTrue(
        String.valueOf(e.getMessage()).contains(messagePart),
        () -> "[" + e.getMessage() + "] lacks [" + messagePart + "]");
  }
}
