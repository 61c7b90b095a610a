package io.valise.cli;

import static io.valise.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {
  @TempDir Path dir;

  @Test
  void writesAnAgeKeygenStyleFileToStdout() {
    Cli.Result r = cli().run("keygen");
    assertEquals(0, r.exitCode(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size());
    assertEquals("# created: 2026-11-25T09:00:00Z", lines.get(0));
    assertTrue(lines.get(1).matches("# public key: age1[0-9a-z]{58}"), lines.get(1));
    assertTrue(lines.get(2).matches("AGE-SECRET-KEY-1[0-9A-Z]{58}"), "secret line shape");
    String recipient = lines.get(1).substring("# public key: ".length());
    assertEquals("Public key: " + recipient + "\n", r.err(), "stdout is not a terminal");
  }

  @Test
  void saysNothingOnStderrWhenTheKeyGoesToATerminal() {
    Cli.Result r =
        cli().terminal(FakeTerminal.none().attached(Terminal.Stream.STDOUT)).run("keygen");
    assertEquals(0, r.exitCode());
    assertEquals("", r.err());
  }

  @Test
  void writesAFileWithMode0600AndPrintsThePublicKey() throws IOException {
    Path key = dir.resolve("me.key");
    Cli.Result r = cli().run("keygen", "-o", key.toString());
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.out());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    String publicKey = Files.readAllLines(key).get(1).substring("# public key: ".length());
    assertEquals("Public key: " + publicKey + "\n", r.err());
    assertEquals(List.of("me.key"), names(dir), "no temporary file left");
  }

  @Test
  void refusesToOverwriteAnExistingFile() throws IOException {
    Path key = dir.resolve("me.key");
    Files.writeString(key, "precious");
    Cli.Result r = cli().run("keygen", "-o", key.toString());
    assertEquals(1, r.exitCode());
    assertEquals("valise: error: " + key + ": already exists; refusing to overwrite it\n", r.err());
    assertEquals("precious", Files.readString(key));
    assertEquals(List.of("me.key"), names(dir));
  }

  @Test
  void generatesPostQuantumIdentities() {
    Cli.Result r = cli().run("keygen", "--pq");
    assertEquals(0, r.exitCode(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(1).startsWith("# public key: age1pq1"));
    assertTrue(lines.get(2).startsWith("AGE-SECRET-KEY-PQ-1"));
  }

  @Test
  void convertsIdentityFilesToRecipients() throws IOException {
    Path a = dir.resolve("a.key");
    Path b = dir.resolve("b.key");
    cli().run("keygen", "-o", a.toString());
    cli().run("keygen", "--pq", "-o", b.toString());
    Path both = dir.resolve("both.key");
    Files.write(both, concat(Files.readAllLines(a), Files.readAllLines(b)));

    Cli.Result r = cli().run("keygen", "-y", both.toString());
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(List.of(publicKey(a), publicKey(b)), r.out().lines().toList());

    Cli.Result fromStdin = cli().stdin(Files.readAllBytes(a)).run("keygen", "-y");
    assertEquals(publicKey(a) + "\n", fromStdin.out());

    Path out = dir.resolve("a.pub");
    assertEquals(0, cli().run("keygen", "-y", "-o", out.toString(), a.toString()).exitCode());
    assertEquals(publicKey(a) + "\n", Files.readString(out));
  }

  @Test
  void reportsABadIdentityFileWithoutEchoingIt() throws IOException {
    Path bad = dir.resolve("bad.key");
    String almost = "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ";
    Files.writeString(bad, almost + "\n");
    Cli.Result r = cli().run("keygen", "-y", bad.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().startsWith("valise: error: "), r.err());
    assertTrue(r.err().contains("bad.key"), r.err());
    assertFalse(r.err().contains("QQQQQQQQ"), "the secret is not echoed: " + r.err());
    assertEquals(1, r.err().lines().count());
  }

  @Test
  void rejectsImpossibleCombinations() {
    Cli.Result pqY = cli().run("keygen", "-y", "--pq");
    assertEquals(2, pqY.exitCode());
    assertTrue(pqY.err().contains("--pq"), pqY.err());
    assertTrue(pqY.err().contains("valise keygen --help"), pqY.err());
    assertEquals(2, cli().run("keygen", "some-file").exitCode());
  }

  @Test
  void missingIdentityFileIsOneLine() {
    Cli.Result r = cli().run("keygen", "-y", dir.resolve("nope.key").toString());
    assertEquals(1, r.exitCode());
    assertEquals(
        "valise: error: " + dir.resolve("nope.key") + ": no such file or directory\n", r.err());
  }

  static String publicKey(Path keyFile) throws IOException {
    return Files.readAllLines(keyFile, StandardCharsets.UTF_8).get(1).substring(14);
  }

  static List<String> names(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
