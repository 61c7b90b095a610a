package io.valise.age.stream;

import static io.valise.age.stream.Fixtures.CHUNK;
import static io.valise.age.stream.Fixtures.NONCE;
import static io.valise.age.stream.Fixtures.NONCE_BYTES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stream-contract details of the streaming encryptor and decryptor. */
class StreamingTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void encryptorHoldsAFullChunkUntilItKnowsWhetherMoreFollows(AeadBackend backend)
      throws IOException {
    var sink = new ByteArrayOutputStream();
    OutputStream out =
        Payload.encryptingStream(sink, Fixtures.fileKey(), new FixedRandom(NONCE_BYTES), backend);
    assertEquals(NONCE, sink.size(), "the nonce is written first");
    out.write(Fixtures.plaintext(CHUNK));
    out.flush();
    assertEquals(NONCE, sink.size(), "a full chunk may still be the final one");
    out.write(7);
    assertEquals(NONCE + CHUNK + 16, sink.size(), "more data: the chunk was not final");
    out.close();
    out.close(); // idempotent
    assertEquals(NONCE + CHUNK + 16 + 1 + 16, sink.size());
    assertThrows(IOException.class, () -> out.write(1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void encryptorClosesTheUnderlyingStream(AeadBackend backend) throws IOException {
    var closed = new boolean[1];
    var sink =
        new FilterOutputStream(OutputStream.nullOutputStream()) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    Payload.encryptingStream(sink, Fixtures.fileKey(), new FixedRandom(NONCE_BYTES), backend)
        .close();
    assertTrue(closed[0]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void afterAFailedWriteNoFinalChunkIsWritten(AeadBackend backend) throws IOException {
    var sink = new ByteArrayOutputStream();
    var failOnce =
        new FilterOutputStream(sink) {
          boolean failed;

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            if (!failed && len > NONCE) {
              failed = true;
              throw new IOException("network hiccup");
            }
            sink.write(b, off, len);
          }
        };
    OutputStream out =
        Payload.encryptingStream(
            failOnce, Fixtures.fileKey(), new FixedRandom(NONCE_BYTES), backend);
    out.write(Fixtures.plaintext(CHUNK));
    assertThrows(IOException.class, () -> out.write(1)); // emits chunk 0, which fails
    assertThrows(IOException.class, () -> out.write(2)); // the stream stays failed
    out.close();
    assertEquals(NONCE, sink.size(), "nothing after the nonce: the payload can never decrypt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void decryptorStaysFailedAfterAFailure(AeadBackend backend) throws IOException {
    byte[] bad =
        Fixtures.flip(Fixtures.payload(Fixtures.plaintext(3 * CHUNK)), NONCE + CHUNK + 40, 1);
    InputStream in =
        Payload.decryptingStream(new ByteArrayInputStream(bad), Fixtures.fileKey(), backend);
    assertEquals(CHUNK, in.readNBytes(CHUNK).length); // chunk 0 is good
    var first = assertThrows(PayloadException.class, in::read);
    var again = assertThrows(PayloadException.class, () -> in.read(new byte[10], 0, 10));
    assertSame(first, again);
    assertTrue(String.valueOf(first.getMessage()).contains("Chunk [1]"), first.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void decryptorReportsEndRepeatedlyAndHonoursTheStreamContract(AeadBackend backend)
      throws IOException {
    byte[] plain = Fixtures.plaintext(CHUNK + 3);
    var source = new ByteArrayInputStream(Fixtures.payload(plain));
    InputStream in = Payload.decryptingStream(source, Fixtures.fileKey(), backend);
    assertEquals(0, in.read(new byte[1], 0, 0));
    assertArrayEquals(plain, in.readAllBytes());
    assertEquals(-1, in.read());
    assertEquals(-1, in.read(new byte[4], 0, 4));
    in.close();
    assertThrows(IOException.class, in::read);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.valise.age.stream.Backends#named")
  void decryptorFailsAtOpenWhenTheNonceIsCut(AeadBackend backend) {
    var in = new ByteArrayInputStream(new byte[NONCE - 1]);
    var e =
        assertThrows(
            PayloadException.class,
            () -> Payload.decryptingStream(in, Fixtures.fileKey(), backend));
    assertTrue(String.valueOf(e.getMessage()).contains("nonce"), e.getMessage());
  }
}
