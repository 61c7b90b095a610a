package io.valise.cli;

import io.valise.lab.synth.Synth;
import java.io.IOException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise lab synth}: writes a lab results file of synthetic people (docs/lab.md), streamed,
 * so 1.4 million people take no more memory than ten. The file appears only when complete.
 */
final class LabSynthCommand implements Command {
  /** Progress is shown on a terminal for at least this many people. */
  static final long PROGRESS_THRESHOLD = 100_000;

  /** The most people one run writes (a bound on mistakes, about 3 GB of CSV). */
  static final long MAX_PEOPLE = 10_000_000;

  private final CliEnv env;

  LabSynthCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "synth",
            "Write a lab results CSV file of synthetic French people and SARS-CoV-2 test results.",
            "",
            "Names, birth dates, real postcodes in proportion to each department's population,"
                + " valid NIR, FINESS and RPPS numbers, test types and results (about 10%%"
                + " positive). Every record is marked as a test identity: its nir_oid column holds"
                + " the INS test OID 1.2.250.1.213.1.4.10 (or .11 for temporary numbers). The same"
                + " seed always gives the same file.");
    spec.addOption(Specs.single("N", "How many people (one test result each).", "--people"));
    spec.addOption(
        Specs.single(
            "S",
            "The seed (a number). Without it a random seed is chosen and printed on stderr, so"
                + " the file can be made again.",
            "--seed"));
    spec.addOption(
        Specs.single(
            "FILE",
            "Write to FILE (written beside it, then renamed, so it appears only when complete),"
                + " or - for standard output.",
            "-o",
            "--output"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise lab synth --people 1000 --seed 1 -o sample.csv",
        "  valise lab synth --people 1400000 --seed 2021 -o breach-size.csv   # the 2021 size",
        "  valise lab synth --people 10 --seed 7 -o - | head -3");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    long people = number(Specs.value(parsed, "--people"), "--people");
    if (people < 1 || people > MAX_PEOPLE) {
      throw new UsageException("--people must be between 1 and " + MAX_PEOPLE);
    }
    @Nullable String output = Specs.value(parsed, "-o");
    if (output == null) {
      throw new UsageException("missing -o FILE (or -o - for standard output)");
    }
    @Nullable String seedText = Specs.value(parsed, "--seed");
    long seed;
    if (seedText == null) {
      seed = env.random().nextLong();
      env.stderr().println("valise: seed " + seed + " (give --seed " + seed + " to repeat)");
    } else {
      seed = number(seedText, "--seed");
    }
    boolean show =
        people >= PROGRESS_THRESHOLD
            && env.terminal().isTerminal(Terminal.Stream.STDERR)
            && !(output.equals("-") && env.terminal().isTerminal(Terminal.Stream.STDOUT));
    try (Output out = Output.open(output, env, Output.Existing.REPLACE)) {
      Synth.write(
          seed,
          people,
          out.stream(),
          n -> {
            if (show) {
              env.stderr().print(progress(n, people));
              env.stderr().flush();
            }
          });
      out.commit();
    } finally {
      if (show) {
        env.stderr().print("\r\u001b[K");
        env.stderr().flush();
      }
    }
    return 0;
  }

  static String progress(long done, long total) {
    return String.format(
        Locale.ROOT, "\rvalise: %,d / %,d people (%d%%)\u001b[K", done, total, done * 100 / total);
  }

  private static long number(@Nullable String text, String option) throws UsageException {
    if (text == null) {
      throw new UsageException("missing " + option);
    }
    try {
      return Long.parseLong(text.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException(option + " must be a whole number, not " + text);
    }
  }
}
