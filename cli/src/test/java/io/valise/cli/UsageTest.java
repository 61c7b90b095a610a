package io.valise.cli;

import static io.valise.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, version and command-line mistakes. */
class UsageTest {
  @ParameterizedTest
  @ValueSource(strings = {"keygen", "encrypt", "decrypt"})
  void everyCommandTeachesWithExamples(String command) {
    Cli.Result r = cli().run(command, "--help");
    assertEquals(0, r.exitCode());
    String help = r.out();
    assertTrue(help.startsWith("Usage: valise " + command), help);
    assertTrue(help.contains("Examples:"), help);
    assertTrue(help.contains("valise " + command + " "), help);
    assertTrue(help.contains("--output"), help);
    assertEquals("", r.err());
  }

  @Test
  void encryptHelpDocumentsTheExtension() {
    String help = cli().run("encrypt", "-h").out();
    for (String flag : new String[] {"-r", "-R", "-p", "-a", "-o", "--passphrase-file"}) {
      assertTrue(help.contains(flag), flag);
    }
    assertTrue(help.contains("Valise extension"), help);
  }

  @Test
  void topLevelHelpListsCommands() {
    Cli.Result r = cli().run("--help");
    assertEquals(0, r.exitCode());
    assertTrue(
        r.out().contains("keygen") && r.out().contains("encrypt") && r.out().contains("decrypt"));
  }

  @Test
  void version() {
    Cli.Result r = cli().run("--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().startsWith("valise "), r.out());
    assertEquals(0, cli().run("encrypt", "--version").exitCode());
  }

  @Test
  void unknownOptionIsAUsageErrorWithAHint() {
    Cli.Result r = cli().run("encrypt", "--armour");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("valise: error: Unknown option: '--armour'"), r.err());
    assertTrue(r.err().contains("see 'valise encrypt --help'"), r.err());
  }

  @Test
  void missingCommandOrRecipients() {
    Cli.Result none = cli().run();
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("missing command"), none.err());

    Cli.Result noRecipient = cli().stdin("x").run("encrypt");
    assertEquals(2, noRecipient.exitCode());
    assertTrue(
        noRecipient.err().startsWith("valise: error: missing recipients"), noRecipient.err());

    Cli.Result twice = cli().run("decrypt", "-o", "a", "-o", "b");
    assertEquals(2, twice.exitCode());

    Cli.Result unknown = cli().run("encrypt-file");
    assertEquals(2, unknown.exitCode());
  }
}
