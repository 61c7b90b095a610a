package io.valise.cli;

import static io.valise.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code valise lab hash-key}, and what {@code valise lab send} refuses before it needs a server
 * (the sending itself is tested end to end in the app module, LabSendE2ETest).
 */
class LabSendCommandTest {
  @TempDir Path dir;

  private Cli.Result send(String... more) {
    String[] args = new String[more.length + 2];
    args[0] = "lab";
    args[1] = "send";
    System.arraycopy(more, 0, args, 2, more.length);
    return cli().env(Map.of("VALISE_HOME", dir.resolve("home").toString())).run(args);
  }

  @Test
  void hashKeyIsThirtyTwoRandomBytesInANewPrivateFile() throws IOException {
    Path key = dir.resolve("k");
    Cli.Result r = cli().run("lab", "hash-key", "-o", key.toString());
    assertEquals(0, r.exitCode(), r::toString);
    String text = Files.readString(key, StandardCharsets.US_ASCII);
    assertTrue(text.endsWith("\n"));
    assertEquals(32, Base64.getDecoder().decode(text.strip()).length);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    Path other = dir.resolve("k2");
    assertEquals(0, cli().run("lab", "hash-key", "-o", other.toString()).exitCode());
    assertTrue(!text.equals(Files.readString(other, StandardCharsets.US_ASCII)), "random");

    Cli.Result again = cli().run("lab", "hash-key", "-o", key.toString());
    assertEquals(1, again.exitCode(), again::toString);
    assertTrue(again.err().contains("already exists"), again.err());
    assertEquals(text, Files.readString(key, StandardCharsets.US_ASCII), "never overwritten");
    assertEquals(2, cli().run("lab", "hash-key").exitCode());
    assertEquals(2, cli().run("lab", "hash-key", "-o", "-").exitCode());
  }

  @Test
  void refusalsBeforeAnythingIsSent() throws IOException {
    Path input = Files.writeString(dir.resolve("in.csv"), "nir\n");
    Path key = dir.resolve("k");
    assertEquals(0, cli().run("lab", "hash-key", "-o", key.toString()).exitCode());
    String k = key.toString();
    String in = input.toString();

    assertFailure(send(in, "--hash-key", k), 2, "missing --profile");
    assertFailure(send(in, "--profile", "covid-daily"), 2, "missing --hash-key");
    assertFailure(
        send(in, "--profile", "weekly", "--hash-key", k),
        2,
        "no profile weekly in the built-in profiles: use covid-daily, covid-tracing");
    assertFailure(
        send(in, "--profile", "covid-daily", "--hash-key", k, "--format", "xml"),
        2,
        "Unknown input format [xml]");
    assertFailure(
        send(dir.resolve("nope.csv").toString(), "--profile", "covid-daily", "--hash-key", k),
        1,
        "nope.csv: not a readable file");
    Path profiles = Files.writeString(dir.resolve("p.ini"), "[output o]\nto = g\nrecord = all\n");
    assertFailure(
        send(in, "--profile", "p", "--profiles", profiles.toString(), "--hash-key", k),
        1,
        profiles + " line 3: unknown key [record] in [output o]");
    Path badKey = Files.writeString(dir.resolve("bad.key"), "secret words\n");
    Cli.Result r = send(in, "--profile", "covid-daily", "--hash-key", badKey.toString());
    assertFailure(r, 1, "not a hash key");
    assertTrue(!r.err().contains("secret words"), "the key file's content is never echoed");
    assertFailure(send(in, "--profile", "covid-daily", "--hash-key", k), 1, "not logged in");
    assertTrue(!Files.exists(Path.of(in + ".rejects.csv")), "nothing written");
  }

  private static void assertFailure(Cli.Result r, int code, String message) {
    assertEquals(code, r.exitCode(), r::toString);
    assertTrue(r.err().contains(message), r.err());
    assertEquals("", r.out());
  }
}
