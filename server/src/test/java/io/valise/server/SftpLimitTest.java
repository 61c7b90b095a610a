package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.x25519.X25519Identity;
import io.valise.server.config.ServerConfig;
import io.valise.server.config.SftpConfig;
import io.valise.server.envelope.EnvelopePolicy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * upload.max-bytes over SFTP: an age file over it is refused while it streams (the session writes
 * into the store's channel, which refuses the byte past the limit), with the policy's reason, and
 * leaves no envelope and no blob; a file under it goes through on the same connection settings.
 */
class SftpLimitTest extends ServerTest {
  private static final long MAX = 4_000_000;

  @Override
  ServerConfig configure(ServerConfig c) {
    EnvelopePolicy p = c.policy();
    return c.withSftp(new SftpConfig("127.0.0.1", 0, Set.of(), 4))
        .withPolicy(
            new EnvelopePolicy(p.defaultExpiry(), p.maxExpiry(), MAX, p.quotaBytesPerAccount()));
  }

  @Test
  void anUploadOverTheLimitIsRefusedWithTheReasonAndLeavesNothing() throws Exception {
    addUser("lab");
    addUser("ars");
    Path work = Files.createTempDirectory(data(), "client");
    Path key = SshClients.keygen(work, "lab_ed25519");
    String pub = Files.readString(work.resolve("lab_ed25519.pub")).strip();
    HttpResponse<String> r =
        callJson(
            "POST",
            "/api/ssh-keys",
            session("lab"),
            JSON.createObjectNode().put("publicKey", pub).toString());
    assertEquals(201, r.statusCode(), r.body());
    X25519Identity ars = X25519Identity.generate(random);
    Files.write(work.resolve("big.age"), Ages.encrypt(random, new byte[6_000_000], ars));
    Files.write(work.resolve("small.age"), Ages.encrypt(random, new byte[3_000_000], ars));
    int port = server().sftpPort();

    SshClients.Run big = SshClients.sftp(work, key, "lab", port, "put big.age /outbox/ars/");
    assertNotEquals(0, big.exit(), big.output());
    assertTrue(big.output().contains("larger than the policy allows"), big.output());
    assertEquals(List.of(), blobs(), "the staged blob is removed");
    assertEquals(0, inbox("ars"));

    SshClients.Run small = SshClients.sftp(work, key, "lab", port, "put small.age /outbox/ars/");
    assertEquals(0, small.exit(), small.output());
    assertEquals(1, inbox("ars"));
  }

  private int inbox(String name) throws Exception {
    HttpResponse<String> r = get("/api/inbox", session(name));
    assertEquals(200, r.statusCode(), r.body());
    return json(r.body()).get("envelopes").size();
  }
}
