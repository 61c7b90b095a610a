package io.valise.cli;

import static io.valise.cli.Cli.cli;
import static io.valise.cli.FailureTest.assertOneError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passphrase encryption (scrypt, work factor 18: each test costs about a second and 256 MiB), from
 * the terminal and from --passphrase-file.
 */
class PassphraseTest {
  @TempDir Path dir;

  @Test
  void roundTripWithPassphraseFiles() throws IOException {
    Path pass = write("pass", "correct horse battery staple\n");
    Cli.Result e =
        cli().stdin("by passphrase").run("encrypt", "--passphrase-file", pass.toString());
    assertEquals(0, e.exitCode(), e::toString);
    String header = new String(e.stdout(), StandardCharsets.ISO_8859_1);
    assertTrue(header.contains("\n-> scrypt "), "an scrypt stanza");
    Cli.Result d = cli().stdin(e.stdout()).run("decrypt", "--passphrase-file", pass.toString());
    assertEquals(0, d.exitCode(), d::toString);
    assertEquals("by passphrase", d.out());
  }

  @Test
  void askedTwiceOnTheTerminalForEncryptionOnceForDecryption() {
    FakeTerminal enc = FakeTerminal.typing("s3cret phrase", "s3cret phrase");
    Cli.Result e = cli().terminal(enc).stdin("typed").run("encrypt", "-p", "-a");
    assertEquals(0, e.exitCode(), e::toString);
    assertEquals(List.of("Enter passphrase: ", "Confirm passphrase: "), enc.prompts());

    FakeTerminal dec = FakeTerminal.typing("s3cret phrase");
    Cli.Result d = cli().terminal(dec).stdin(e.stdout()).run("decrypt");
    assertEquals(0, d.exitCode(), d::toString);
    assertEquals("typed", d.out());
    assertEquals(List.of("Enter passphrase: "), dec.prompts());
  }

  @Test
  void wrongPassphrase() throws IOException {
    Path good = write("good", "right");
    Path bad = write("bad", "wrong");
    Cli.Result e = cli().stdin("x").run("encrypt", "-p", "--passphrase-file", good.toString());
    Cli.Result d = cli().stdin(e.stdout()).run("decrypt", "--passphrase-file", bad.toString());
    assertEquals(1, d.exitCode());
    assertOneError(d, "wrong passphrase");
  }

  @Test
  void mismatchedConfirmationIsRefused() {
    FakeTerminal t = FakeTerminal.typing("one", "two");
    Cli.Result r = cli().terminal(t).stdin("x").run("encrypt", "-p");
    assertEquals(1, r.exitCode());
    assertOneError(r, "the passphrases do not match");
    assertEquals(0, r.stdout().length);
  }

  @Test
  void emptyPassphraseIsRefused() throws IOException {
    Cli.Result typed = cli().terminal(FakeTerminal.typing("")).stdin("x").run("encrypt", "-p");
    assertOneError(typed, "the passphrase is empty");
    Path empty = write("empty", "\n");
    assertOneError(
        cli().stdin("x").run("encrypt", "--passphrase-file", empty.toString()),
        "the passphrase is empty");
  }

  @Test
  void withoutATerminalThePromptPointsToPassphraseFile() {
    Cli.Result r = cli().stdin("x").run("encrypt", "-p");
    assertEquals(1, r.exitCode());
    assertOneError(r, "--passphrase-file");
  }

  @Test
  void decryptingWithoutATerminalPointsToPassphraseFile() throws IOException {
    Path pass = write("pass", "p");
    Cli.Result e = cli().stdin("x").run("encrypt", "--passphrase-file", pass.toString());
    Cli.Result d = cli().stdin(e.stdout()).run("decrypt");
    assertEquals(1, d.exitCode());
    assertOneError(d, "no terminal to ask for the passphrase: give it with --passphrase-file FILE");
  }

  @Test
  void passphraseCannotBeCombinedWithRecipients() throws IOException {
    Keys k = Keys.x25519(dir.resolve("k"));
    Cli.Result r = cli().stdin("x").run("encrypt", "-p", "-r", k.recipient);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("valise: error: -p/--passphrase cannot be combined with -r/-R"));
    Path pass = write("pass", "p");
    Cli.Result f =
        cli().stdin("x").run("encrypt", "--passphrase-file", pass.toString(), "-R", k.path());
    assertEquals(2, f.exitCode());
  }

  @Test
  void passphraseProtectedIdentityFiles() throws IOException {
    Keys k = Keys.x25519(dir.resolve("plain.key"));
    Path pass = write("pass", "key file passphrase");
    Path locked = dir.resolve("locked.key");
    Cli.Result lock =
        cli()
            .run(
                "encrypt",
                "-a",
                "--passphrase-file",
                pass.toString(),
                "-o",
                locked.toString(),
                k.path());
    assertEquals(0, lock.exitCode(), lock::toString);

    Cli.Result e = cli().stdin("behind two locks").run("encrypt", "-r", k.recipient);
    Cli.Result d =
        cli()
            .stdin(e.stdout())
            .run("decrypt", "-i", locked.toString(), "--passphrase-file", pass.toString());
    assertEquals(0, d.exitCode(), d::toString);
    assertEquals("behind two locks", d.out());

    Cli.Result y =
        cli()
            .terminal(FakeTerminal.typing("key file passphrase"))
            .run("keygen", "-y", locked.toString());
    assertEquals(k.recipient + "\n", y.out(), y::toString);
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }
}
