package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.Age;
import io.valise.age.x25519.X25519Identity;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.ValiseServer;
import io.valise.store.sql.SqlStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link ValiseServer#close} with an upload in flight: it stops accepting connections at once, and
 * the upload either completes (and can be downloaded after a restart) or, when the client gives up,
 * leaves nothing: no envelope row, no blob, no staged file.
 */
class GracefulShutdownTest extends ServerTest {
  static final int SENT_BEFORE_STALL = 512 * 1024;

  final X25519Identity bob = X25519Identity.generate(random);

  @Test
  void anUploadInFlightCompletesAndIsThereAfterRestart() throws Exception {
    addUser("alice");
    addUser("bob");
    byte[] file = encrypt(new byte[2 << 20]);
    Gate gate = new Gate();
    CompletableFuture<HttpResponse<String>> upload = startUpload(file, gate);
    awaitStagedFile();

    CompletableFuture<Void> closing = closeInBackground();
    gate.open(true); // the client sends the rest while the server is stopping
    HttpResponse<String> r = upload.get(60, TimeUnit.SECONDS);
    assertEquals(201, r.statusCode(), r.body());
    closing.get(60, TimeUnit.SECONDS);
    String id = json(r.body()).get("id").asText();

    restart();
    HttpResponse<byte[]> down = getBytes("/api/envelopes/" + id + "/file", session("bob"), null);
    assertEquals(200, down.statusCode());
    assertArrayEquals(file, down.body());
  }

  @Test
  void anUploadTheClientAbandonsDuringShutdownLeavesNothing() throws Exception {
    addUser("alice");
    addUser("bob");
    byte[] file = encrypt(new byte[2 << 20]);
    Gate gate = new Gate();
    CompletableFuture<HttpResponse<String>> upload = startUpload(file, gate);
    awaitStagedFile();

    CompletableFuture<Void> closing = closeInBackground();
    gate.open(false); // the client gives up half-way
    assertTrue(
        upload
            .handle((resp, e) -> resp == null || resp.statusCode() != 201)
            .get(60, TimeUnit.SECONDS),
        "the upload cannot have succeeded");
    closing.get(60, TimeUnit.SECONDS);

    restart();
    assertEquals(List.of(), blobFiles(), "no blob and no staged file");
    try (SqlStore store =
        SqlStore.open(Objects.requireNonNull(config).database(), null, null, clock)) {
      assertEquals(
          List.of(), store.retention().envelopes(clock.instant()), "no envelope row at all");
    }
  }

  /** Closes the server on another thread, and returns once it no longer accepts connections. */
  private CompletableFuture<Void> closeInBackground() throws Exception {
    ValiseServer s = server();
    int port = s.port();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        assertTrue(probe.isConnected());
        Thread.sleep(20);
      } catch (SocketException refused) {
        // refused, or reset while the listening socket closed under a connect in progress
        assertNotEquals(true, closing.isDone(), "close() waited for the upload in flight");
        return closing;
      }
    }
    throw new AssertionError("the server kept accepting connections while closing");
  }

  private void restart() throws Exception {
    ServerConfig c = Objects.requireNonNull(config);
    server = null;
    server = ValiseServer.start(c, clock, random, System.err);
  }

  private CompletableFuture<HttpResponse<String>> startUpload(byte[] file, Gate gate)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/api/envelopes?to=bob"))
            .header("Authorization", "Bearer " + session("alice"))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> gate.body(file)))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Holds the rest of the body back until the test opens it, to send it or to fail. */
  static final class Gate {
    private final CountDownLatch opened = new CountDownLatch(1);
    private volatile boolean send;

    void open(boolean sendTheRest) {
      send = sendTheRest;
      opened.countDown();
    }

    InputStream body(byte[] file) {
      InputStream first = new ByteArrayInputStream(Arrays.copyOf(file, SENT_BEFORE_STALL));
      InputStream rest =
          new ByteArrayInputStream(Arrays.copyOfRange(file, SENT_BEFORE_STALL, file.length));
      return new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] b = new byte[1];
          return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = first.read(b, off, len);
          if (n >= 0) {
            return n;
          }
          try {
            if (!opened.await(60, TimeUnit.SECONDS)) {
              throw new IOException("the test never opened the gate");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
          }
          if (!send) {
            throw new IOException("the client gives up");
          }
          return rest.read(b, off, len);
        }
      };
    }
  }

  private void awaitStagedFile() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (Path p : blobFiles()) {
        if (p.getFileName().toString().startsWith(".staging-") && Files.size(p) > 0) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no staged file appeared: " + blobFiles());
  }

  private List<Path> blobFiles() throws IOException {
    Path blobs = data().resolve("blobs");
    if (!Files.isDirectory(blobs)) {
      return List.of();
    }
    try (var s = Files.list(blobs)) {
      return s.toList();
    }
  }

  private byte[] encrypt(byte[] plaintext) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream enc = Age.encryptingStream(out, List.of(bob.recipient()), random)) {
      enc.write(plaintext);
    }
    return out.toByteArray();
  }
}
