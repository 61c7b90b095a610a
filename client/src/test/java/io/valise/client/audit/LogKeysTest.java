package io.valise.client.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.client.state.ClientHome;
import io.valise.tlog.note.NoteSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogKeysTest {
  @TempDir Path tmp;

  @Test
  void pinnedOnFirstUseThenAChangeIsRefusedShowingBothKeys() throws Exception {
    LogKeys keys = new LogKeys(new ClientHome(tmp));
    String first =
        NoteSigner.generate("valise.example.org/log", LogVerifierTest.RANDOM).verifier().encode();
    String second =
        NoteSigner.generate("valise.example.org/log", LogVerifierTest.RANDOM).verifier().encode();
    assertEquals(first, keys.check(LogVerifierTest.SERVER, first).encode());
    assertEquals(
        first,
        new LogKeys(new ClientHome(tmp)).check(LogVerifierTest.SERVER, first + "\n").encode());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve(LogKeys.NAME))));

    LogKeyChangedException e =
        assertThrows(
            LogKeyChangedException.class, () -> keys.check(LogVerifierTest.SERVER, second));
    assertTrue(e.getMessage().contains(first), e.getMessage());
    assertTrue(e.getMessage().contains(second), e.getMessage());
    assertTrue(e.getMessage().contains("--log-key"), e.getMessage());
    // Per server: another server pins its own.
    assertEquals(second, keys.check("https://other.example.org", second).encode());
    // An explicit pin replaces it.
    keys.pin(LogVerifierTest.SERVER, LogKeys.parse(second, "k"));
    assertEquals(second, keys.check(LogVerifierTest.SERVER, second).encode());
  }

  @Test
  void aMalformedServedKeyIsRefused() {
    LogKeys keys = new LogKeys(new ClientHome(tmp));
    AuditException e =
        assertThrows(AuditException.class, () -> keys.check(LogVerifierTest.SERVER, "nonsense"));
    assertTrue(e.getMessage().contains("the server's log key"), e.getMessage());
  }
}
