package io.valise.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.valise.server.config.ServerConfig;
import io.valise.server.envelope.EnvelopePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code valise send} of a file the server's policy refuses (over the size limit, over the quota):
 * the CLI prints the server's reason and the outbox stays as it was. The refused file is far larger
 * than the socket's buffers, and the server answers before reading it.
 */
class SendRefusalE2ETest extends E2eServer {
  private static final long MAX_UPLOAD = 4L * 1024 * 1024;
  private static final long QUOTA = 6L * 1024 * 1024;

  @Override
  ServerConfig configure(ServerConfig c) {
    EnvelopePolicy p = c.policy();
    return c.withPolicy(new EnvelopePolicy(p.defaultExpiry(), p.maxExpiry(), MAX_UPLOAD, QUOTA));
  }

  private Path file(Person p, String name, int size) throws Exception {
    byte[] data = new byte[size];
    random.nextBytes(data);
    return Files.write(files(p).resolve(name), data);
  }

  @Test
  void aSendOverThePolicyIsRefusedWithTheServersReason() throws Exception {
    Person alice = ready("alice");
    ready("bob");

    Run big = alice.run("send", file(alice, "big.bin", 32 << 20).toString(), "--to", "bob");
    assertEquals(1, big.code(), big.toString());
    assertTrue(big.err().contains("larger than the policy allows"), big.err());

    alice.ok("send", file(alice, "first.bin", 3 << 20).toString(), "--to", "bob");
    Run over = alice.run("send", file(alice, "second.bin", 3 << 20).toString(), "--to", "bob");
    assertEquals(1, over.code(), over.toString());
    assertTrue(over.err().contains("Quota exceeded"), over.err());

    assertEquals(
        1, new ObjectMapper().readTree(alice.ok("outbox", "--json").out()).size(), "outbox");
  }
}
