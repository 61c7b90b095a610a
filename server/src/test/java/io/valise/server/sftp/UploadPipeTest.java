package io.valise.server.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The upload pipe: order restored, peeked bytes read again, refusals that name the problem. */
class UploadPipeTest {
  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** Reads the pipe to its end on another thread: peek {@code n}, then read the rest. */
  private static CompletableFuture<String[]> drain(UploadPipe pipe, int peek, boolean channel) {
    UploadPipe.Reader r = pipe.reader();
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            String peeked = new String(r.peek(peek), StandardCharsets.US_ASCII);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            if (channel) {
              r.transferTo(Channels.newChannel(all));
            } else {
              r.transferTo(all);
            }
            return new String[] {peeked, all.toString(StandardCharsets.US_ASCII)};
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @Test
  void writesOutOfOrderArePutBackInOrderAndAPeekAcrossChunksIsReadAgain() throws Exception {
    for (boolean channel : new boolean[] {true, false}) {
      UploadPipe pipe = new UploadPipe();
      CompletableFuture<String[]> got = drain(pipe, 7, channel);
      pipe.write(0, bytes("age"));
      pipe.write(9, bytes("ption"));
      pipe.write(3, bytes("-encry"));
      pipe.write(14, bytes(".org/v1"));
      pipe.finish();
      String[] r = got.get();
      assertEquals("age-enc", r[0]);
      assertEquals("age-encryption.org/v1", r[1]);
      assertEquals(21, pipe.written());
    }
  }

  @Test
  void aPeekLongerThanTheFileKeepsEveryByte() throws Exception {
    UploadPipe pipe = new UploadPipe();
    CompletableFuture<String[]> got = drain(pipe, 22, true);
    pipe.write(0, bytes("ab"));
    pipe.write(2, bytes("c"));
    pipe.finish();
    assertArrayEquals(new String[] {"abc", "abc"}, got.get());
  }

  @Test
  void rewritingOverlappingAndHolesAreRefused() throws Exception {
    UploadPipe pipe = new UploadPipe();
    var unused = drain(pipe, 1, true);
    pipe.write(0, bytes("abcd"));
    assertTrue(
        String.valueOf(
                assertThrows(SftpException.class, () -> pipe.write(2, bytes("xx"))).getMessage())
            .contains("already written"));
    pipe.write(10, bytes("k"));
    assertTrue(
        String.valueOf(
                assertThrows(SftpException.class, () -> pipe.write(10, bytes("k"))).getMessage())
            .contains("Two writes at offset 10"));
    assertTrue(
        String.valueOf(assertThrows(SftpException.class, pipe::finish).getMessage())
            .contains("from 4 to 10"));
  }

  @Test
  void anAbortFailsTheReaderAndLaterWrites() throws Exception {
    UploadPipe pipe = new UploadPipe();
    UploadPipe.Reader r = pipe.reader();
    pipe.write(0, bytes("abc"));
    pipe.abort("the session ended");
    IOException e =
        assertThrows(IOException.class, () -> r.transferTo(new ByteArrayOutputStream()));
    assertEquals("the session ended", e.getMessage());
    assertEquals(
        "the session ended",
        assertThrows(SftpException.class, () -> pipe.write(3, bytes("d"))).getMessage());
  }

  /** A channel that keeps what it is given, and can be told to refuse. */
  private static final class Recording implements java.nio.channels.WritableByteChannel {
    final ByteArrayOutputStream got = new ByteArrayOutputStream(); // synchronized: two threads
    volatile @org.jspecify.annotations.Nullable IOException refuse;

    @Override
    public int write(ByteBuffer src) throws IOException {
      IOException e = refuse;
      if (e != null) {
        throw e;
      }
      int n = src.remaining();
      byte[] b = new byte[n];
      src.get(b);
      got.writeBytes(b);
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }

  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      Thread.sleep(5);
    }
  }

  @Test
  void onceTheStoreHandsItsChannelOverWritesGoStraightIntoItInOrder() throws Exception {
    UploadPipe pipe = new UploadPipe();
    UploadPipe.Reader r = pipe.reader();
    Recording channel = new Recording();
    pipe.write(0, bytes("age"));
    pipe.write(3, bytes("-enc"));
    CompletableFuture<Long> total =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                var unused = r.peek(2);
                return r.transferTo(channel);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    await(() -> channel.got.size() == 7); // what was queued is drained first
    pipe.write(12, bytes("on")); // early: held until its turn
    assertEquals("age-enc", channel.got.toString(StandardCharsets.US_ASCII));
    pipe.write(7, bytes("rypti"));
    // written by this thread, before write() returned
    assertEquals("age-encryption", channel.got.toString(StandardCharsets.US_ASCII));
    pipe.finish();
    assertEquals(14L, total.get());
  }

  @Test
  void aChannelThatRefusesEndsTheUploadAndTheStoreGetsTheReason() throws Exception {
    UploadPipe pipe = new UploadPipe();
    UploadPipe.Reader r = pipe.reader();
    Recording channel = new Recording();
    pipe.write(0, bytes("abc"));
    CompletableFuture<Long> total =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return r.transferTo(channel);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    await(() -> channel.got.size() == 3);
    IOException full = new IOException("No space left on device");
    channel.refuse = full;
    SftpException refused = assertThrows(SftpException.class, () -> pipe.write(3, bytes("d")));
    assertTrue(
        String.valueOf(refused.getMessage()).contains("No space left"), refused.getMessage());
    java.util.concurrent.ExecutionException e =
        assertThrows(java.util.concurrent.ExecutionException.class, total::get);
    Throwable wrapped = e.getCause();
    assertTrue(wrapped instanceof java.io.UncheckedIOException, String.valueOf(wrapped));
    assertSame(full, wrapped.getCause(), "the store sees the channel's own exception");
    assertThrows(SftpException.class, () -> pipe.write(4, bytes("e")));
  }
}
