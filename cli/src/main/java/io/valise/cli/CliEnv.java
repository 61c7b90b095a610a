package io.valise.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * What one run of the command sees of the outside world: the standard streams, the terminal, the
 * random source and the clock. {@link Main} builds it once from the process; tests build their own,
 * so every command runs in-process against temporary files and captured streams.
 *
 * <p>{@code stdout} is a raw byte stream (binary ciphertext goes through it), so it is never a
 * {@link PrintStream}, which would swallow write errors such as a closed pipe.
 */
final class CliEnv {
  private final InputStream stdin;
  private final OutputStream stdout;
  private final PrintStream stderr;
  private final Terminal terminal;
  private final SecureRandom random;
  private final Clock clock;
  private final boolean debug;

  CliEnv(
      InputStream stdin,
      OutputStream stdout,
      PrintStream stderr,
      Terminal terminal,
      SecureRandom random,
      Clock clock,
      boolean debug) {
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.terminal = terminal;
    this.random = random;
    this.clock = clock;
    this.debug = debug;
  }

  /**
   * The environment of this process. The random source is the platform default ({@code new
   * SecureRandom()}, a DRBG seeded by the OS), not {@code getInstanceStrong()}, which may block on
   * an idle machine; the clock is UTC.
   */
  static CliEnv system() {
    return new CliEnv(
        new FileInputStream(FileDescriptor.in),
        new FileOutputStream(FileDescriptor.out),
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8),
        new SystemTerminal(),
        new SecureRandom(),
        Clock.systemUTC(),
        "1".equals(System.getenv("VALISE_DEBUG")));
  }

  InputStream stdin() {
    return stdin;
  }

  OutputStream stdout() {
    return stdout;
  }

  PrintStream stderr() {
    return stderr;
  }

  Terminal terminal() {
    return terminal;
  }

  SecureRandom random() {
    return random;
  }

  Clock clock() {
    return clock;
  }

  /** True when {@code VALISE_DEBUG=1}: errors also print their stack trace. */
  boolean debug() {
    return debug;
  }
}
