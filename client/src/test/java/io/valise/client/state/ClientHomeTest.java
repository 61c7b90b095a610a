package io.valise.client.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientHomeTest {
  @TempDir Path tmp;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void locationFollowsValiseHomeThenXdgThenHome() {
    assertEquals(
        Path.of("/v"), ClientHome.resolve(Map.of("VALISE_HOME", "/v", "HOME", "/h"), "/u").dir());
    assertEquals(
        Path.of("/x/valise"),
        ClientHome.resolve(Map.of("XDG_CONFIG_HOME", "/x", "HOME", "/h"), "/u").dir());
    assertEquals(
        Path.of("/h/.config/valise"), ClientHome.resolve(Map.of("HOME", "/h"), "/u").dir());
    assertEquals(Path.of("/u/.config/valise"), ClientHome.resolve(Map.of(), "/u").dir());
    assertEquals(
        Path.of("/h/.config/valise"),
        ClientHome.resolve(Map.of("VALISE_HOME", " ", "HOME", "/h"), "/u").dir());
  }

  @Test
  void directoryIs0700AndFilesAre0600() throws Exception {
    ClientHome home = new ClientHome(tmp.resolve("a/b/valise"));
    home.write("session.json", new byte[] {1});
    assertEquals("rwx------", mode(home.dir()));
    assertEquals("rw-------", mode(home.file("session.json")));
    home.create("identity", new byte[] {2});
    assertEquals("rw-------", mode(home.file("identity")));
    assertThrows(FileAlreadyExistsException.class, () -> home.create("identity", new byte[] {3}));
    try (var files = Files.list(home.dir())) {
      assertEquals(2, files.count(), "no temporary file left");
    }
  }

  @Test
  void anExistingDirectoryIsTightened() throws Exception {
    Path d = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
    new ClientHome(d).ensure();
    assertEquals("rwx------", mode(d));
  }

  @Test
  void aLinkIsRefused() throws Exception {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    assertThrows(java.io.IOException.class, () -> new ClientHome(link).ensure());
  }

  @Test
  void sessionRoundTripAndRedactedToken() throws Exception {
    ClientHome home = new ClientHome(tmp.resolve("s"));
    SessionFile file = new SessionFile(home);
    assertTrue(file.load().isEmpty());
    Session s =
        new Session(
            "http://127.0.0.1:7443",
            "alice",
            new BearerToken("vls_secret"),
            Instant.parse("2026-11-25T21:00:00Z"));
    file.save(s);
    assertEquals(s, file.load().orElseThrow());
    assertFalse(s.toString().contains("vls_secret"), s.toString());
    assertEquals("rw-------", mode(home.file(SessionFile.NAME)));
    assertTrue(file.delete());
    assertTrue(file.load().isEmpty());
  }

  @Test
  void aDamagedSessionFileSaysToLogInAgain() throws Exception {
    ClientHome home = new ClientHome(tmp.resolve("d"));
    home.write(
        SessionFile.NAME, "{\"server\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var e = assertThrows(java.io.IOException.class, () -> new SessionFile(home).load());
    assertTrue(String.valueOf(e.getMessage()).contains("valise login"), e.getMessage());
  }
}
