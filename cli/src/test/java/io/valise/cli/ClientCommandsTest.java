package io.valise.cli;

import static io.valise.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client commands without a server: help, command-line mistakes, and the answer when nobody is
 * logged in. The end-to-end tests against a real server are in the app module.
 */
class ClientCommandsTest {
  @TempDir Path home;

  private Cli.Result run(String... args) {
    return cli().env(Map.of("VALISE_HOME", home.toString())).run(args);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "login",
        "logout",
        "send",
        "inbox",
        "outbox",
        "get",
        "share",
        "revoke",
        "verify-web",
        "key publish",
        "key trust",
        "key list",
        "key ssh add",
        "key ssh list",
        "key ssh remove",
        "audit verify",
        "audit show",
        "audit export"
      })
  void everyClientCommandTeachesWithExamples(String command) {
    String[] words = (command + " --help").split(" ");
    Cli.Result r = run(words);
    assertEquals(0, r.exitCode(), r.toString());
    String help = r.out();
    assertTrue(help.startsWith("Usage: valise " + command), help);
    assertTrue(help.contains("Example"), help);
    assertTrue(help.contains("  valise " + command), help);
  }

  @Test
  void topLevelHelpShowsTheExchangeVerbs() {
    String help = run("--help").out();
    for (String verb : new String[] {"login", "send", "inbox", "get", "share", "revoke", "key"}) {
      assertTrue(help.contains(verb), verb);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "inbox",
        "outbox",
        "logout",
        "key list",
        "key ssh list",
        "key ssh remove x",
        "audit verify",
        "audit show x"
      })
  void withoutASessionTheUserIsToldToLogIn(String command) {
    Cli.Result r = run(command.split(" "));
    if (command.equals("logout")) {
      assertEquals(0, r.exitCode(), r.toString());
      return;
    }
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("valise: error: not logged in"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void commandLineMistakesAreUsageErrors() {
    assertEquals(2, run("send", "x.txt").exitCode()); // no --to
    assertEquals(2, run("share", "abc").exitCode()); // neither --to nor --link
    assertEquals(2, run("share", "abc", "--to", "bob", "--link").exitCode());
    assertEquals(2, run("share", "abc", "--to", "bob", "--expires", "1d").exitCode());
    assertEquals(2, run("revoke", "abc", "--recipient", "bob", "--link", "x").exitCode());
    assertEquals(2, run("login", "ftp://h", "--user", "a").exitCode());
    assertEquals(2, run("audit", "export", "--format", "xml").exitCode());
    assertEquals(2, run("audit", "export", "--since", "yesterday").exitCode());
    assertEquals(2, run("audit", "show").exitCode()); // no id
    Cli.Result noFile = run("key", "ssh", "add");
    assertEquals(2, noFile.exitCode(), noFile.toString()); // no file
    assertEquals(2, run("key", "ssh", "remove").exitCode()); // no id
    assertEquals(2, run("key", "ssh", "add", "a.pub", "b.pub").exitCode());
    assertEquals(2, run("login", "https://h").exitCode()); // no --user
    Cli.Result withKey = run("get", "https://h/s/abc#AGE-SECRET-KEY-1X", "-i", "k");
    assertEquals(2, withKey.exitCode(), withKey.toString());
  }

  @Test
  void aMissingFileIsRefusedBeforeAnyNetworkUse() {
    Cli.Result r = run("send", home.resolve("nope.csv").toString(), "--to", "bob");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("nope.csv: not a readable file"), r.err());
  }

  @Test
  void aBrokenLinkIsRefusedWithoutShowingItsKey() {
    Cli.Result r = run("get", "https://h/s/abc#AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQ", "-o", "-");
    assertEquals(1, r.exitCode());
    assertFalse(r.err().contains("QQQQQQQQ"), r.err());
  }

  @Test
  void verifyWebTakesThePageUrlAndNeverItsFragment() throws Exception {
    assertEquals(
        new VerifyWebCommand.Target("https://h:8443", "/"),
        VerifyWebCommand.target("https://h:8443"));
    assertEquals(
        new VerifyWebCommand.Target("http://127.0.0.1:7443", "/s/abc"),
        VerifyWebCommand.target("http://127.0.0.1:7443/s/abc?x=1#AGE-SECRET-KEY-1QQQQ"));
    assertThrows(UsageException.class, () -> VerifyWebCommand.target("ftp://h/"));
    assertThrows(UsageException.class, () -> VerifyWebCommand.target("https://u:p@h/"));
    Cli.Result bad = run("verify-web", "notaurl#AGE-SECRET-KEY-1QQQQQQQQ");
    assertEquals(2, bad.exitCode(), bad.toString());
    assertFalse(bad.err().contains("QQQQ"), bad.err());
    assertEquals(2, run("verify-web", "https://h/", "--bundle", "xyz").exitCode());
    assertEquals(2, run("verify-web").exitCode());
  }

  @Test
  void serverUrlsAreNormalised() throws Exception {
    assertEquals("https://h", LoginCommand.normalise("https://h/"));
    assertEquals(
        "http://127.0.0.1:7443/valise", LoginCommand.normalise("http://127.0.0.1:7443/valise//"));
    assertThrows(UsageException.class, () -> LoginCommand.normalise("https://u:p@h"));
    assertThrows(UsageException.class, () -> LoginCommand.normalise("https://h/?x=1"));
  }
}
