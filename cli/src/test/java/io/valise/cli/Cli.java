package io.valise.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs the valise command in-process, with captured streams and a scripted terminal. */
final class Cli {
  static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  private FakeTerminal terminal = FakeTerminal.none();
  private byte[] stdin = new byte[0];
  private boolean debug;
  private Map<String, String> environment = Map.of();

  static Cli cli() {
    return new Cli();
  }

  Cli terminal(FakeTerminal t) {
    this.terminal = t;
    return this;
  }

  Cli stdin(byte[] bytes) {
    this.stdin = bytes.clone();
    return this;
  }

  Cli stdin(String text) {
    return stdin(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The environment variables the command sees (VALISE_HOME...); none by default. */
  Cli env(Map<String, String> variables) {
    this.environment = Map.copyOf(variables);
    return this;
  }

  Cli debug() {
    this.debug = true;
    return this;
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    CliEnv env =
        new CliEnv(
            new ByteArrayInputStream(stdin),
            out,
            errStream,
            terminal,
            RANDOM,
            Clock.fixed(NOW, ZoneOffset.UTC),
            debug,
            environment);
    int code = Main.run(env, args);
    return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** What a run left behind. A class, not a record: a record's array component compares badly. */
  static final class Result {
    private final int exitCode;
    private final byte[] stdout;
    private final String stderr;

    Result(int exitCode, byte[] stdout, String stderr) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    int exitCode() {
      return exitCode;
    }

    byte[] stdout() {
      return stdout.clone();
    }

    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    String err() {
      return stderr;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + ", stderr: " + stderr;
    }
  }
}
