package io.valise.server.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.sshd.server.channel.ChannelSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Requests cut out of channel data however MINA splits it, and the window given back only for
 * requests the session has handled.
 */
class InboundTest {
  private final List<Long> released = new ArrayList<>();
  private final Inbound inbound = new Inbound(released::add);
  private final ChannelSession channel = new ChannelSession(); // the receiver ignores it

  private static byte[] packet(byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body);
    return b.array();
  }

  private static byte[] body(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  private byte[] next() throws Exception {
    @Nullable ByteBuffer r = inbound.next();
    if (r == null) {
      throw new AssertionError("ended early");
    }
    byte[] out = new byte[r.remaining()];
    r.get(out);
    return out;
  }

  @Test
  void requestsComeOutWholeWhereverTheDataIsCut() throws Exception {
    Random random = new Random(42);
    List<byte[]> bodies = new ArrayList<>();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int i = 0; i < 200; i++) {
      byte[] body = body(random, 1 + random.nextInt(i % 10 == 0 ? 40_000 : 100));
      bodies.add(body);
      stream.writeBytes(packet(body));
    }
    byte[] all = stream.toByteArray();
    // Cuts of 1 to 4 bytes split length fields; larger ones hold several requests at once.
    for (int at = 0; at < all.length; ) {
      int n =
          Math.min(
              all.length - at,
              random.nextBoolean() ? 1 + random.nextInt(4) : 1 + random.nextInt(70_000));
      assertEquals(0, inbound.data(channel, all, at, n), "nothing consumed until handled");
      at += n;
    }
    inbound.close();
    long window = 0;
    for (byte[] body : bodies) {
      assertArrayEquals(body, next());
      inbound.handled(body.length);
      window += 4 + body.length;
    }
    assertNull(inbound.next());
    assertNull(inbound.next(), "the end stays the end");
    assertEquals(window, released.stream().mapToLong(Long::longValue).sum());
    assertEquals(bodies.size(), released.size(), "one release per handled request");
  }

  @Test
  void idleOnlyWhenNoRequestWaits() throws Exception {
    assertTrue(inbound.idle());
    byte[] two = new byte[10];
    System.arraycopy(packet(new byte[] {1}), 0, two, 0, 5);
    System.arraycopy(packet(new byte[] {2}), 0, two, 5, 5);
    inbound.data(channel, two, 0, 10);
    assertEquals(false, inbound.idle());
    assertArrayEquals(new byte[] {1}, next());
    assertEquals(false, inbound.idle());
    assertArrayEquals(new byte[] {2}, next());
    assertTrue(inbound.idle());
  }

  @Test
  void aLengthSftpDoesNotAllowEndsTheChannel() throws Exception {
    byte[] huge = ByteBuffer.allocate(8).putInt(Wire.MAX_PACKET + 1).putInt(0).array();
    IOException e = assertThrows(IOException.class, () -> inbound.data(channel, huge, 0, 8));
    assertTrue(String.valueOf(e.getMessage()).contains("SFTP packet of"), e.getMessage());
    IOException later = assertThrows(IOException.class, inbound::next);
    assertEquals(e.getMessage(), later.getMessage());
    byte[] empty = ByteBuffer.allocate(4).putInt(0).array();
    Inbound other = new Inbound(n -> {});
    assertThrows(IOException.class, () -> other.data(channel, empty, 0, 4));
  }
}
