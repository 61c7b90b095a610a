package io.valise.cli;

import static io.valise.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one clear line, the right exit code, and nothing left at the destination. */
class FailureTest {
  @TempDir Path dir;
  Keys alice;
  Keys bob;

  @BeforeEach
  void keys() throws IOException {
    alice = Keys.x25519(dir.resolve("alice.key"));
    bob = Keys.x25519(dir.resolve("bob.key"));
  }

  @Test
  void corruptLastChunkLeavesNoOutputAndNoTemporaryFile() throws IOException {
    byte[] file = encrypt(Keys.random(5 * 65536 + 1000), alice);
    file[file.length - 20] ^= 1; // inside the last chunk: earlier chunks authenticate fine
    Path enc = write("big.age", file);
    Path out = dir.resolve("big.out");
    List<String> before = KeygenCommandTest.names(dir);

    Cli.Result r = cli().run("decrypt", "-i", alice.path(), "-o", out.toString(), enc.toString());
    assertEquals(1, r.exitCode());
    assertOneError(r, "the file is corrupt or truncated");
    assertFalse(Files.exists(out), "no partial plaintext");
    assertEquals(before, KeygenCommandTest.names(dir), "no temporary file remains");
  }

  @Test
  void failedDecryptionKeepsTheExistingOutput() throws IOException {
    byte[] file = encrypt(Keys.random(200_000), alice);
    Path enc = write("f.age", Arrays.copyOf(file, file.length - 1000)); // truncated
    Path out = write("f.out", "previous".getBytes(StandardCharsets.UTF_8));
    Cli.Result r = cli().run("decrypt", "-i", alice.path(), "-o", out.toString(), enc.toString());
    assertEquals(1, r.exitCode());
    assertOneError(r, "the file is corrupt or truncated");
    assertEquals("previous", Files.readString(out));
  }

  @Test
  void wrongKey() throws IOException {
    Path enc = write("f.age", encrypt(new byte[10], alice));
    Cli.Result r = cli().run("decrypt", "-i", bob.path(), enc.toString());
    assertEquals(1, r.exitCode());
    assertOneError(r, "no identity matched any of the file's recipients");
  }

  @Test
  void modifiedHeader() throws IOException {
    byte[] file = encrypt(new byte[10], alice);
    String text = new String(file, StandardCharsets.ISO_8859_1);
    int mac = text.indexOf("\n--- ") + 5;
    file[mac] = (byte) (file[mac] == 'A' ? 'B' : 'A');
    Cli.Result r = cli().stdin(file).run("decrypt", "-i", alice.path());
    assertEquals(1, r.exitCode());
    assertOneError(r, "header");
  }

  @Test
  void notAnAgeFile() {
    Cli.Result r = cli().stdin("hello, world\n").run("decrypt", "-i", alice.path());
    assertEquals(1, r.exitCode());
    assertOneError(r, "not a valid age file");
  }

  @Test
  void malformedArmor() {
    String armored = "-----BEGIN AGE ENCRYPTED FILE-----\n!!!!\n-----END AGE ENCRYPTED FILE-----\n";
    Cli.Result r = cli().stdin(armored).run("decrypt", "-i", alice.path());
    assertEquals(1, r.exitCode());
    assertOneError(r, "armor");
  }

  @Test
  void badRecipientIsNamed() {
    Cli.Result r = cli().stdin("x").run("encrypt", "-r", "age1notakey");
    assertEquals(1, r.exitCode());
    assertOneError(r, "bad recipient \"age1notakey\"");
  }

  @Test
  void aSecretKeyGivenAsRecipientIsNotEchoed() throws IOException {
    String secret = Files.readAllLines(alice.file).get(1);
    Cli.Result r = cli().stdin("x").run("encrypt", "-r", secret);
    assertEquals(1, r.exitCode());
    assertOneError(r, "a secret key was given as a recipient");
    assertFalse(r.err().contains(secret.substring(16, 40)), r.err());
  }

  @Test
  void mixingPostQuantumAndClassicalRecipientsIsRefused() {
    String pq = cli().run("keygen", "--pq").out().lines().toList().get(1).substring(14);
    Cli.Result r = cli().stdin("x").run("encrypt", "-r", alice.recipient, "-r", pq);
    assertEquals(1, r.exitCode());
    assertOneError(r, "post-quantum recipients");
  }

  @Test
  void missingFiles() {
    String nope = dir.resolve("nope").toString();
    assertOneError(cli().run("decrypt", "-i", nope, "x"), nope + ": no such file or directory");
    assertOneError(
        cli().run("encrypt", "-r", alice.recipient, nope), nope + ": no such file or directory");
    assertOneError(cli().run("encrypt", "-R", nope), nope + ": no such file or directory");
    assertOneError(cli().run("decrypt", "-i", alice.path(), dir.toString()), "is a directory");
  }

  @Test
  void unreadableFile() throws IOException {
    Path f = write("secret.age", new byte[] {1});
    Files.setPosixFilePermissions(f, java.util.Set.of());
    if (Files.isReadable(f)) {
      return; // running as root: permissions do not stop reads
    }
    assertOneError(cli().run("decrypt", "-i", alice.path(), f.toString()), "permission denied");
  }

  @Test
  void identityFileThatIsNotOne() throws IOException {
    Path notKeys = write("notes.txt", "just some notes\n".getBytes(StandardCharsets.UTF_8));
    Cli.Result r = cli().stdin("x").run("decrypt", "-i", notKeys.toString());
    assertEquals(1, r.exitCode());
    assertOneError(r, "notes.txt");
  }

  @Test
  void keyEncryptedFileWithoutIdentityIsAUsageError() {
    byte[] file = encrypt(new byte[10], alice);
    Cli.Result r = cli().stdin(file).run("decrypt");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("valise: error: the file is encrypted to public keys"), r.err());
    assertTrue(r.err().contains("valise decrypt --help"), r.err());
  }

  @Test
  void refusesBinaryCiphertextOnATerminal() {
    FakeTerminal tty = FakeTerminal.none().attached(Terminal.Stream.STDOUT);
    Cli.Result r = cli().terminal(tty).stdin("x").run("encrypt", "-r", alice.recipient);
    assertEquals(1, r.exitCode());
    assertOneError(r, "refusing to write binary ciphertext to the terminal");
    assertEquals(0, r.stdout().length);

    Cli.Result armored = cli().terminal(tty).stdin("x").run("encrypt", "-a", "-r", alice.recipient);
    assertEquals(0, armored.exitCode(), armored::toString);
    Cli.Result forced =
        cli().terminal(tty).stdin("x").run("encrypt", "-o", "-", "-r", alice.recipient);
    assertEquals(0, forced.exitCode(), forced::toString);
  }

  @Test
  void stackTracesOnlyWithDebug() {
    Cli.Result quiet = cli().stdin("junk").run("decrypt", "-i", alice.path());
    assertFalse(quiet.err().contains("\tat "), quiet.err());
    Cli.Result debug = cli().debug().stdin("junk").run("decrypt", "-i", alice.path());
    assertTrue(debug.err().startsWith("valise: error: "), debug.err());
    assertTrue(debug.err().contains("\tat io.valise."), debug.err());
  }

  static void assertOneError(Cli.Result r, String expected) {
    assertTrue(r.exitCode() != 0, r::toString);
    assertTrue(r.err().startsWith("valise: error: "), r.err());
    assertTrue(r.err().contains(expected), () -> "expected [" + expected + "] in " + r.err());
    if (r.exitCode() == 1) {
      assertEquals(1, r.err().lines().count(), r.err());
    }
    assertFalse(r.err().contains("Exception"), r.err());
  }

  private byte[] encrypt(byte[] plain, Keys to) {
    Cli.Result e = cli().stdin(plain).run("encrypt", "-r", to.recipient);
    assertEquals(0, e.exitCode(), e::toString);
    return e.stdout();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }
}
