package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.age.Age;
import io.valise.age.x25519.X25519Identity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EnvelopeTest extends ServerTest {
  final X25519Identity bobKey = X25519Identity.generate(random);

  byte[] encrypt(byte[] plaintext) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream enc = Age.encryptingStream(out, List.of(bobKey.recipient()), random)) {
      enc.write(plaintext);
    }
    return out.toByteArray();
  }

  byte[] decrypt(byte[] file) throws IOException {
    try (InputStream in = Age.decryptingStream(new ByteArrayInputStream(file), List.of(bobKey))) {
      return in.readAllBytes();
    }
  }

  @Test
  void aRecipientDownloadsWhatWasSentAndDecryptsIt() throws Exception {
    addUser("alice");
    addUser("bob");
    addUser("carol");
    String alice = session("alice");
    String bob = session("bob");
    String carol = session("carol");
    byte[] plaintext = new byte[1_200_000]; // several socket reads and response buffers
    random.nextBytes(plaintext);
    byte[] file = encrypt(plaintext);

    HttpResponse<String> up = upload(alice, "to=bob&maxDownloads=6", file);
    assertEquals(201, up.statusCode(), up.body());
    JsonNode env = json(up.body());
    String id = env.get("id").asText();
    assertEquals(file.length, env.get("size").asLong());
    assertEquals(START.plus(Duration.ofDays(7)).toString(), env.get("expiresAt").asText());

    HttpResponse<byte[]> down = getBytes("/api/envelopes/" + id + "/file", bob, null);
    assertEquals(200, down.statusCode());
    assertArrayEquals(file, down.body());
    assertArrayEquals(plaintext, decrypt(down.body()));

    HttpResponse<byte[]> part = getBytes("/api/envelopes/" + id + "/file", bob, "bytes=100-70099");
    assertEquals(206, part.statusCode());
    assertArrayEquals(Arrays.copyOfRange(file, 100, 70_100), part.body());
    assertEquals(
        "bytes 100-70099/" + file.length, part.headers().firstValue("Content-Range").orElseThrow());
    HttpResponse<byte[]> start = getBytes("/api/envelopes/" + id + "/file", bob, "bytes=0-9");
    assertArrayEquals(Arrays.copyOfRange(file, 0, 10), start.body()); // inside the header only
    assertEquals(
        416, getBytes("/api/envelopes/" + id + "/file", bob, "bytes=999999999-").statusCode());

    assertEquals(
        id, json(get("/api/inbox", bob).body()).get("envelopes").get(0).get("id").asText());
    assertEquals(
        id, json(get("/api/outbox", alice).body()).get("envelopes").get(0).get("id").asText());
    assertEquals(0, json(get("/api/inbox", carol).body()).get("envelopes").size());
    assertEquals(200, get("/api/envelopes/" + id, alice).statusCode());

    // Carol is neither sender nor recipient: as if it did not exist.
    assertProblem(get("/api/envelopes/" + id, carol), 404, "not_found");
    assertProblem(get("/api/envelopes/" + id + "/file", carol), 404, "not_found");
    assertProblem(get("/api/envelopes/not-an-id", bob), 404, "not_found");

    // "max" is the policy's maximum (30 days by default): how lab manifests ask to be kept.
    HttpResponse<String> kept = upload(alice, "to=bob&expires=max", file);
    assertEquals(201, kept.statusCode(), kept.body());
    assertEquals(
        START.plus(Duration.ofDays(30)).toString(), json(kept.body()).get("expiresAt").asText());
  }

  @Test
  void aLargeDownloadArrivesWhole() throws Exception {
    addUser("alice");
    addUser("bob");
    byte[] plaintext = new byte[40 << 20]; // more than socket buffers hold, and several mappings
    random.nextBytes(plaintext);
    byte[] file = encrypt(plaintext);
    String id = json(upload(session("alice"), "to=bob", file).body()).get("id").asText();
    HttpResponse<byte[]> down = getBytes("/api/envelopes/" + id + "/file", session("bob"), null);
    assertEquals(200, down.statusCode());
    assertEquals(file.length, down.body().length);
    assertArrayEquals(file, down.body());
  }

  @Test
  void nonAgeUploadsAndImpossiblePayloadsLeaveNothing() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    assertProblem(
        upload(
            alice,
            "to=bob",
            "name,nir\nDupont,1850775123456\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        400,
        "not_age");
    byte[] file = encrypt(new byte[1000]);
    // Header, 16-byte nonce, then 10 bytes: shorter than one chunk's tag, so no payload is this
    // long.
    int headerLength = file.length - 16 - 1000 - 16;
    assertProblem(
        upload(alice, "to=bob", Arrays.copyOf(file, headerLength + 16 + 10)), 400, "bad_payload");
    assertProblem(upload(alice, "to=nobody", file), 400, "unknown_recipient");
    assertProblem(upload(alice, "to=bob&expires=365d", file), 400, "expiry_too_long");
    assertProblem(upload(alice, "to=bob&maxDownloads=0", file), 400, "bad_max_downloads");
    assertEquals(List.of(), blobs());
    assertEquals(0, json(get("/api/outbox", alice).body()).get("envelopes").size());
  }

  @Test
  void concurrentDownloadsNeverPassTheLimit() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    String bob = session("bob");
    byte[] file = encrypt(new byte[5000]);
    String id = json(upload(alice, "to=bob&maxDownloads=3", file).body()).get("id").asText();
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      tasks.add(() -> getBytes("/api/envelopes/" + id + "/file", bob, null).statusCode());
    }
    int ok = 0;
    int gone = 0;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        switch (f.get()) {
          case 200 -> ok++;
          case 410 -> gone++;
          default -> throw new AssertionError("status " + f.get());
        }
      }
    }
    assertEquals(3, ok);
    assertEquals(13, gone);
  }

  @Test
  void expiredAndExhaustedEnvelopesArePurged() throws Exception {
    addUser("alice");
    addUser("bob");
    String alice = session("alice");
    String bob = session("bob");
    byte[] file = encrypt(new byte[3000]);
    String expiring = json(upload(alice, "to=bob&expires=1h", file).body()).get("id").asText();
    String once = json(upload(alice, "to=bob&maxDownloads=1", file).body()).get("id").asText();
    String kept = json(upload(alice, "to=bob", file).body()).get("id").asText();
    assertEquals(200, getBytes("/api/envelopes/" + once + "/file", bob, null).statusCode());
    assertEquals(3, blobs().size());

    assertEquals(1, server().sweeper().sweepOnce(), "the exhausted one");
    clock.advance(Duration.ofMinutes(25));
    assertEquals(0, server().sweeper().sweepOnce());
    clock.advance(Duration.ofMinutes(25));
    bob = session("bob");
    assertEquals(200, get("/api/envelopes/" + expiring, bob).statusCode(), "not yet");
    clock.advance(Duration.ofMinutes(11));
    assertEquals(1, server().sweeper().sweepOnce(), "the expired one");
    bob = session("bob");
    assertProblem(get("/api/envelopes/" + expiring, bob), 404, "not_found");
    assertProblem(get("/api/envelopes/" + once, bob), 404, "not_found");
    assertEquals(200, get("/api/envelopes/" + kept, bob).statusCode());
    assertEquals(1, blobs().size());
    assertTrue(get("/metrics", null).body().contains("valise_envelopes_purged_total 2"));
  }
}
