package io.valise.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * An upload's time limit is on progress, not on the whole exchange: one that keeps going for longer
 * than the limit succeeds, one that stops is given up. The peer is a socket that speaks just enough
 * HTTP/1.1 (100 Continue, then a 201) and reads the body at the pace the test sets.
 */
class UploadProgressTest {
  private static final Duration STALL = Duration.ofSeconds(1);
  private static final int BODY = 24 << 20; // far more than the sockets' buffers

  /** Reads the head, says continue, then reads the body in 64 KiB steps with {@code pause}. */
  private static void peer(Socket s, long pauseMillis, AtomicLong read, CountDownLatch release)
      throws IOException, InterruptedException {
    InputStream in = s.getInputStream();
    OutputStream out = s.getOutputStream();
    int state = 0;
    for (int b; state < 4 && (b = in.read()) >= 0; ) {
      state = (b == '\r' || b == '\n') ? state + 1 : 0;
    }
    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    if (pauseMillis < 0) {
      release.await(); // reads nothing more until the test is over
      return;
    }
    byte[] buf = new byte[64 * 1024];
    while (read.get() < BODY) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, BODY - read.get()));
      if (n < 0) {
        return;
      }
      read.addAndGet(n);
      Thread.sleep(pauseMillis);
    }
    out.write(
        "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}"
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static Thread serve(
      ServerSocket listener, long pauseMillis, AtomicLong read, CountDownLatch release) {
    return Thread.ofVirtual()
        .start(
            () -> {
              try (Socket s = listener.accept()) {
                peer(s, pauseMillis, read, release);
              } catch (IOException | InterruptedException e) {
                // the client gave up: what the test looks at is on the client's side
              }
            });
  }

  private static Http http(ServerSocket listener) {
    return new Http(
        HttpClient.newHttpClient(), "http://127.0.0.1:" + listener.getLocalPort(), null, STALL);
  }

  private static HttpRequest.BodyPublisher body() {
    return HttpRequest.BodyPublishers.ofByteArray(new byte[BODY]);
  }

  @Test
  void anUploadThatKeepsGoingLongerThanTheLimitSucceeds() throws Exception {
    AtomicLong read = new AtomicLong();
    CountDownLatch release = new CountDownLatch(1);
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread peer = serve(listener, 8, read, release); // about 8 MiB/s: 3 s for the body
      long start = System.nanoTime();

      var answer = http(listener).upload("/api/envelopes", Map.of(), body());

      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(answer.get("ok").asBoolean(), answer.toString());
      assertEquals(BODY, read.get());
      assertTrue(took.compareTo(STALL.multipliedBy(2)) > 0, "took only " + took);
      peer.join();
    }
  }

  @Test
  void anUploadThatStopsIsGivenUp() throws Exception {
    AtomicLong read = new AtomicLong();
    CountDownLatch release = new CountDownLatch(1);
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread peer = serve(listener, -1, read, release);
      try {
        IOException e =
            assertThrows(
                IOException.class, () -> http(listener).upload("/api/envelopes", Map.of(), body()));
        assertTrue(
            String.valueOf(e.getMessage()).contains("made no progress for 1 seconds"),
            e.getMessage());
      } finally {
        release.countDown();
        peer.join();
      }
    }
  }
}
