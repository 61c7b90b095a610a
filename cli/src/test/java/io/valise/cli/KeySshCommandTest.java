package io.valise.cli;

import static io.valise.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code valise key ssh} without a server: what is refused locally before anything is sent. The
 * round trip against a real server is in the app module's end-to-end tests.
 */
class KeySshCommandTest {
  static final String ED25519 =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPEx/PKtVNMhQ4nGDlngxslaBHvojbgAiTQnFyYg/w6t"
          + " lab-lis@cerballiance";
  static final String PRIVATE =
      """
      -----BEGIN OPENSSH PRIVATE KEY-----
      b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
      -----END OPENSSH PRIVATE KEY-----
      """;

  @TempDir Path home;

  private Cli.Result run(Cli c, String... args) {
    return c.env(Map.of("VALISE_HOME", home.toString())).run(args);
  }

  @Test
  void aPrivateKeyIsRefusedBeforeAnythingIsSentAndNotEchoed() throws Exception {
    Path key = home.resolve("id_ed25519");
    Files.writeString(key, PRIVATE);
    Cli.Result r = run(cli(), "key", "ssh", "add", key.toString());
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("this is a private key"), r.err());
    assertTrue(r.err().contains("Nothing was sent"), r.err());
    assertFalse(r.err().contains("b3BlbnNzaC1rZXkt"), "the key's text is not printed");
    assertFalse(r.err().contains("not logged in"), "refused before looking for a session");

    Cli.Result piped = run(cli().stdin(PRIVATE), "key", "ssh", "add", "-");
    assertEquals(1, piped.exitCode(), piped.toString());
    assertTrue(piped.err().contains("standard input: this is a private key"), piped.err());
  }

  @Test
  void aGoodFileGoesOnToNeedASession() throws Exception {
    Path pub = home.resolve("id_ed25519.pub");
    Files.writeString(pub, ED25519 + "\n");
    Cli.Result r = run(cli(), "key", "ssh", "add", pub.toString(), "--comment", "night");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("valise: error: not logged in"), r.err());
  }

  @Test
  void aMissingEmptyOrMultiKeyFileIsRefused() throws Exception {
    Cli.Result missing = run(cli(), "key", "ssh", "add", home.resolve("nope.pub").toString());
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("nope.pub: no such file"), missing.err());

    Cli.Result empty = run(cli().stdin("\n# only a comment\n"), "key", "ssh", "add", "-");
    assertEquals(1, empty.exitCode());
    assertTrue(empty.err().contains("standard input: no SSH public key in it"), empty.err());

    Cli.Result two = run(cli().stdin(ED25519 + "\n" + ED25519 + "\n"), "key", "ssh", "add", "-");
    assertEquals(1, two.exitCode());
    assertTrue(two.err().contains("holds 2 lines; give one public key at a time"), two.err());

    Path big = home.resolve("big.pub");
    Files.write(big, new byte[70 * 1024]);
    Cli.Result tooBig = run(cli(), "key", "ssh", "add", big.toString());
    assertEquals(1, tooBig.exitCode());
    assertTrue(tooBig.err().contains("too big for an SSH public key file"), tooBig.err());
  }

  @Test
  void theKeyLineIsTheOneNonCommentLine() throws Exception {
    String file = "# made by ssh-keygen\n\n  " + ED25519 + "  \r\n";
    assertEquals(ED25519, SshPublicKeyFile.line("k.pub", file.getBytes(StandardCharsets.UTF_8)));
    assertThrows(
        CliException.class,
        () ->
            SshPublicKeyFile.line(
                "k", "-----BEGIN RSA PRIVATE KEY-----\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theSshGroupListsItsCommands() {
    Cli.Result r = run(cli(), "key", "ssh", "--help");
    assertEquals(0, r.exitCode(), r.toString());
    for (String c : new String[] {"add", "list", "remove"}) {
      assertTrue(r.out().contains(c), r.out());
    }
    assertTrue(run(cli(), "key", "--help").out().contains("ssh"));
  }
}
