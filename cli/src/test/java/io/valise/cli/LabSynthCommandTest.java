package io.valise.cli;

import static io.valise.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.lab.geo.Geography;
import io.valise.lab.record.LabCsvReader;
import io.valise.lab.record.LabRecord;
import io.valise.lab.record.RecordValidator;
import io.valise.lab.record.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabSynthCommandTest {
  @TempDir Path dir;

  @Test
  void writesAFileOfValidTestRecords() throws IOException {
    Path file = dir.resolve("people.csv");
    Cli.Result r =
        cli().run("lab", "synth", "--people", "500", "--seed", "1", "-o", file.toString());
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.err());
    assertEquals("", r.out());
    RecordValidator validator =
        new RecordValidator(
            Clock.fixed(Cli.NOW, ZoneOffset.UTC), Rules.sarsCov2(), Geography.france());
    int n = 0;
    try (InputStream in = Files.newInputStream(file);
        LabCsvReader reader = LabCsvReader.open(in)) {
      for (LabRecord rec = reader.next(); rec != null; rec = reader.next()) {
        n++;
        assertEquals(List.of(), validator.validate(rec), "row " + rec.row());
        assertTrue(RecordValidator.isTestData(rec));
      }
    }
    assertEquals(500, n);
    assertEquals(List.of("people.csv"), names(), "no temporary file left");
  }

  @Test
  void theSameSeedWritesTheSameBytes() throws IOException {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    assertEquals(
        0,
        cli()
            .run("lab", "synth", "--people", "300", "--seed", "99", "-o", a.toString())
            .exitCode());
    assertEquals(
        0,
        cli()
            .run("lab", "synth", "--people", "300", "--seed", "99", "-o", b.toString())
            .exitCode());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    Cli.Result out = cli().run("lab", "synth", "--people", "300", "--seed", "99", "-o", "-");
    assertArrayEquals(Files.readAllBytes(a), out.stdout(), "standard output gets the same bytes");
  }

  @Test
  void withoutASeedPrintsTheOneItChoseSoTheFileCanBeRemade() throws IOException {
    Path a = dir.resolve("a.csv");
    Cli.Result r = cli().run("lab", "synth", "--people", "50", "-o", a.toString());
    assertEquals(0, r.exitCode(), r::toString);
    Matcher m =
        Pattern.compile("valise: seed (-?[0-9]+) \\(give --seed \\1 to repeat\\)\n")
            .matcher(r.err());
    assertTrue(m.matches(), r.err());
    Path b = dir.resolve("b.csv");
    cli().run("lab", "synth", "--people", "50", "--seed", m.group(1), "-o", b.toString());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void showsProgressOnATerminalForLargeRuns() {
    Cli.Result r =
        cli()
            .terminal(FakeTerminal.none().attached(Terminal.Stream.STDERR))
            .run(
                "lab",
                "synth",
                "--people",
                "100000",
                "--seed",
                "1",
                "-o",
                dir.resolve("big.csv").toString());
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.err().contains("\rvalise: 50,000 / 100,000 people (50%)"), r.err());
    assertTrue(r.err().contains("\rvalise: 100,000 / 100,000 people (100%)"), r.err());
    assertTrue(r.err().endsWith("\r\u001b[K"), "the line is erased at the end");
  }

  @Test
  void saysNothingWhenStderrIsNotATerminal() {
    Cli.Result r =
        cli()
            .run(
                "lab",
                "synth",
                "--people",
                "100000",
                "--seed",
                "1",
                "-o",
                dir.resolve("big.csv").toString());
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.err());
  }

  @Test
  void rejectsBadArgumentsWithoutWritingAnything() throws IOException {
    assertUsage(
        "valise: error: missing --people\n", "lab", "synth", "-o", dir.resolve("x").toString());
    assertUsage(
        "valise: error: --people must be a whole number, not ten\n",
        "lab",
        "synth",
        "--people",
        "ten",
        "-o",
        dir.resolve("x").toString());
    assertUsage(
        "valise: error: --people must be between 1 and 10000000\n",
        "lab",
        "synth",
        "--people",
        "0",
        "-o",
        dir.resolve("x").toString());
    assertUsage(
        "valise: error: --seed must be a whole number, not 1.5\n",
        "lab",
        "synth",
        "--people",
        "3",
        "--seed",
        "1.5",
        "-o",
        dir.resolve("x").toString());
    assertUsage(
        "valise: error: missing -o FILE (or -o - for standard output)\n",
        "lab",
        "synth",
        "--people",
        "3");
    assertEquals(List.of(), names());
  }

  @Test
  void helpHasExamples() {
    Cli.Result r = cli().run("lab", "synth", "--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("valise lab synth --people 1000 --seed 1 -o sample.csv"), r.out());
    assertTrue(
        r.out().replaceAll("\\s+", " ").contains("(about 10% positive)"),
        "the percent sign is escaped for picocli");
    assertTrue(cli().run("lab", "--help").out().contains("synth"));
    assertTrue(cli().run("--help").out().contains("lab"));
  }

  @Test
  void theProgressLineCountsAndPercents() {
    assertEquals(
        "\rvalise: 700,000 / 1,400,000 people (50%)\u001b[K",
        LabSynthCommand.progress(700_000, 1_400_000));
  }

  private void assertUsage(String message, String... args) {
    Cli.Result r = cli().run(args);
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().startsWith(message), r.err());
    assertFalse(r.err().contains("Exception"));
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
