package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.x25519.X25519Identity;
import io.valise.server.config.ServerConfig;
import io.valise.server.envelope.EnvelopePolicy;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** quota.bytes-per-account: an upload over it is refused and leaves no blob and no row. */
class QuotaTest extends ServerTest {
  static final long QUOTA = 100_000;

  @Override
  ServerConfig configure(ServerConfig c) {
    EnvelopePolicy p = c.policy();
    return c.withPolicy(
        new EnvelopePolicy(p.defaultExpiry(), p.maxExpiry(), p.maxUploadBytes(), QUOTA));
  }

  private HttpResponse<String> uploadChunked(String token, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/api/envelopes?to=bob"))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int outboxSize(String token) throws Exception {
    return json(get("/api/outbox", token).body()).get("envelopes").size();
  }

  @Test
  void anUploadOverTheQuotaIsRefusedAndLeavesNothing() throws Exception {
    addUser("alice");
    addUser("bob");
    addUser("carol");
    String alice = session("alice");
    X25519Identity bobKey = X25519Identity.generate(random);
    byte[] file = Ages.encrypt(random, new byte[60_000], bobKey);

    assertEquals(201, upload(alice, "to=bob&expires=1h", file).statusCode());
    HttpResponse<String> declared = upload(alice, "to=bob", file);
    assertProblem(declared, 413, "quota_exceeded");
    assertTrue(declared.body().contains("limit " + QUOTA), declared.body());
    // Without a declared length the body is stored first, then refused before the row is written.
    assertProblem(uploadChunked(alice, file), 413, "quota_exceeded");
    assertEquals(1, blobs().size());
    assertEquals(1, outboxSize(alice));

    // Another account has its own quota; an expired envelope counts until it is purged.
    assertEquals(201, upload(session("carol"), "to=bob", file).statusCode());
    clock.advance(Duration.ofMinutes(61));
    alice = session("alice");
    assertProblem(uploadChunked(alice, file), 413, "quota_exceeded");
    assertEquals(1, server().sweeper().sweepOnce());
    assertEquals(201, uploadChunked(alice, file).statusCode());
  }

  @Test
  void concurrentUploadsNeverPassTheQuotaTogether() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    byte[] file = Ages.encrypt(random, new byte[19_000], X25519Identity.generate(random));
    long fit = QUOTA / file.length; // 5 of these fit, a sixth does not
    List<java.util.concurrent.Future<Integer>> all = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 12; i++) {
        all.add(pool.submit(() -> uploadChunked(alice, file).statusCode()));
      }
    }
    long created = 0;
    for (var f : all) {
      int status = f.get();
      assertTrue(status == 201 || status == 413, "status " + status);
      created += status == 201 ? 1 : 0;
    }
    assertEquals(fit, created);
    assertEquals(fit, outboxSize(alice));
    assertEquals(fit, blobs().size());
  }

  /**
   * A refused upload's small body is read before the answer, so the answer reaches the client and
   * the connection stays open. Answering over an unread body and then closing made the kernel reset
   * the connection, and the client sometimes got "header parser received no bytes" instead of 413.
   */
  @Test
  void aRefusedSmallUploadIsReadSoTheRefusalArrivesOnAConnectionKeptOpen() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    byte[] file = Ages.encrypt(random, new byte[60_000], X25519Identity.generate(random));
    assertEquals(201, upload(alice, "to=bob&expires=1h", file).statusCode());
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> refused = upload(alice, "to=bob", file);
      assertProblem(refused, 413, "quota_exceeded");
      assertEquals(
          java.util.Optional.empty(), refused.headers().firstValue("connection"), "refusal " + i);
    }
    assertEquals(1, blobs().size());
  }

  /** A client that asks to continue is refused before it sends a byte of a large body. */
  @Test
  void aLargeUploadThatAsksToContinueIsRefusedBeforeItsBodyIsSent() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
    long length = 4L * 1024 * 1024;
    java.io.InputStream counted =
        new java.io.InputStream() {
          @Override
          public int read() {
            sent.incrementAndGet();
            return 0;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            sent.addAndGet(len);
            return len;
          }
        };
    HttpResponse<String> refused =
        http.send(
            HttpRequest.newBuilder(uri("/api/envelopes?to=bob"))
                .header("Authorization", "Bearer " + alice)
                .expectContinue(true)
                .POST(
                    HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> counted), length))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertProblem(refused, 413, "quota_exceeded");
    assertEquals(java.util.Optional.of("close"), refused.headers().firstValue("connection"));
    assertEquals(0, sent.get());
    assertEquals(0, blobs().size());
  }
}
