package io.valise.cli;

import static io.valise.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Round trips through files and standard streams, with every recipient flag and armor. */
class EncryptDecryptTest {
  @TempDir Path dir;
  Keys alice;
  Keys bob;

  @BeforeEach
  void keys() throws IOException {
    alice = Keys.x25519(dir.resolve("alice.key"));
    bob = Keys.x25519(dir.resolve("bob.key"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65535, 65536, 65537, 3 * 65536, (1 << 20) + 123})
  void roundTripsThroughFiles(int size) throws IOException {
    byte[] plain = Keys.random(size);
    Path in = write("plain.bin", plain);
    Path enc = dir.resolve("plain.bin.age");
    Path out = dir.resolve("plain.out");

    Cli.Result e = cli().run("encrypt", "-r", alice.recipient, "-o", enc.toString(), in.toString());
    assertEquals(0, e.exitCode(), e::toString);
    assertEquals("", e.err());
    Cli.Result d = cli().run("decrypt", "-i", alice.path(), "-o", out.toString(), enc.toString());
    assertEquals(0, d.exitCode(), d::toString);
    assertArrayEquals(plain, Files.readAllBytes(out));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
  }

  @Test
  void roundTripsThroughStandardStreams() {
    byte[] plain = Keys.random(100_000);
    Cli.Result e = cli().stdin(plain).run("encrypt", "-r", alice.recipient);
    assertEquals(0, e.exitCode(), e::toString);
    assertTrue(
        new String(e.stdout(), StandardCharsets.US_ASCII).startsWith("age-encryption.org/v1\n"));
    Cli.Result d = cli().stdin(e.stdout()).run("decrypt", "-i", alice.path(), "-");
    assertEquals(0, d.exitCode(), d::toString);
    assertArrayEquals(plain, d.stdout());
  }

  @Test
  void everyRecipientCanDecrypt() throws IOException {
    Path list = dir.resolve("team.pub");
    Files.write(list, List.of("# the team", bob.recipient, ""));
    Keys carol = Keys.x25519(dir.resolve("carol.key"));
    Cli.Result e =
        cli()
            .stdin("for the team")
            .run(
                "encrypt",
                "-r",
                alice.recipient,
                "-R",
                list.toString(),
                "--recipient",
                carol.recipient);
    assertEquals(0, e.exitCode(), e::toString);
    for (Keys k : List.of(alice, bob, carol)) {
      Cli.Result d = cli().stdin(e.stdout()).run("decrypt", "-i", k.path());
      assertEquals("for the team", d.out(), d::toString);
    }
  }

  @Test
  void triesEveryIdentityGiven() {
    Cli.Result e = cli().stdin("x").run("encrypt", "-r", bob.recipient);
    Cli.Result d = cli().stdin(e.stdout()).run("decrypt", "-i", alice.path(), "-i", bob.path());
    assertEquals(0, d.exitCode(), d::toString);
    assertEquals("x", d.out());
  }

  @Test
  void armorsAndDetectsArmor() throws IOException {
    byte[] plain = Keys.random(70_000);
    Path enc = dir.resolve("f.asc");
    Cli.Result e =
        cli().stdin(plain).run("encrypt", "-a", "-r", alice.recipient, "-o", enc.toString());
    assertEquals(0, e.exitCode(), e::toString);
    String text = Files.readString(enc, StandardCharsets.US_ASCII);
    assertTrue(text.startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n"), text);
    assertTrue(text.endsWith("-----END AGE ENCRYPTED FILE-----\n"), text);
    Cli.Result d = cli().run("decrypt", "-i", alice.path(), enc.toString());
    assertArrayEquals(plain, d.stdout());
    Cli.Result viaStdin = cli().stdin(text).run("decrypt", "-i", alice.path());
    assertArrayEquals(plain, viaStdin.stdout());
  }

  @Test
  void postQuantumRoundTrip() throws IOException {
    Path key = dir.resolve("pq.key");
    assertEquals(0, cli().run("keygen", "--pq", "-o", key.toString()).exitCode());
    String recipient = cli().run("keygen", "-y", key.toString()).out().strip();
    Cli.Result e = cli().stdin("quantum-safe").run("encrypt", "-r", recipient);
    assertEquals(0, e.exitCode(), e::toString);
    Cli.Result d = cli().stdin(e.stdout()).run("decrypt", "-i", key.toString());
    assertEquals("quantum-safe", d.out(), d::toString);
  }

  @Test
  void replacesAnExistingOutputOnSuccess() throws IOException {
    Path out = write("out", "old".getBytes(StandardCharsets.UTF_8));
    Cli.Result e = cli().stdin("new").run("encrypt", "-r", alice.recipient);
    Cli.Result d = cli().stdin(e.stdout()).run("decrypt", "-i", alice.path(), "-o", out.toString());
    assertEquals(0, d.exitCode(), d::toString);
    assertEquals("new", Files.readString(out));
  }

  @Test
  void writesThroughToDevices() {
    Cli.Result e = cli().stdin("x").run("encrypt", "-r", alice.recipient, "-o", "/dev/null");
    assertEquals(0, e.exitCode(), e::toString);
  }

  @Test
  void dashMeansStandardStreams() {
    Cli.Result e = cli().stdin("dash").run("encrypt", "-r", alice.recipient, "-o", "-", "-");
    assertEquals(0, e.exitCode(), e::toString);
    Cli.Result d = cli().stdin(e.stdout()).run("decrypt", "-i", alice.path(), "-o", "-", "-");
    assertEquals("dash", d.out());
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }
}
