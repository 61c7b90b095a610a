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
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one run of the command sees of the outside world: the standard streams, the terminal, the
 * random source and the clock. {@link Main} builds it once from the process; tests build their own,
 * so every command runs in-process against temporary files and captured streams.
 *
 * <p>{@code stdout} is a raw byte stream (binary ciphertext goes through it), so it is never a
 * {@link PrintStream}, which would swallow write errors such as a closed pipe.
 */
public final class CliEnv {
  private final InputStream stdin;
  private final OutputStream stdout;
  private final PrintStream stderr;
  private final Terminal terminal;
  private final SecureRandom random;
  private final Clock clock;
  private final boolean debug;
  private final Map<String, String> environment;

  CliEnv(
      InputStream stdin,
      OutputStream stdout,
      PrintStream stderr,
      Terminal terminal,
      SecureRandom random,
      Clock clock,
      boolean debug) {
    this(stdin, stdout, stderr, terminal, random, clock, debug, Map.of());
  }

  CliEnv(
      InputStream stdin,
      OutputStream stdout,
      PrintStream stderr,
      Terminal terminal,
      SecureRandom random,
      Clock clock,
      boolean debug,
      Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
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
  public static CliEnv system() {
    return new CliEnv(
        new FileInputStream(FileDescriptor.in),
        new FileOutputStream(FileDescriptor.out),
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8),
        new SystemTerminal(),
        new SecureRandom(),
        Clock.systemUTC(),
        "1".equals(System.getenv("VALISE_DEBUG")),
        System.getenv());
  }

  /**
   * An environment without a terminal, for running the command inside another program (the
   * end-to-end tests): prompts fail with a message naming the flag to use instead. {@code
   * environment} stands for the process environment ({@code VALISE_HOME}, {@code HOME}...).
   */
  public static CliEnv headless(
      InputStream stdin,
      OutputStream stdout,
      PrintStream stderr,
      SecureRandom random,
      Clock clock,
      Map<String, String> environment) {
    return new CliEnv(
        stdin,
        stdout,
        stderr,
        new NoTerminal(),
        random,
        clock,
        "1".equals(environment.get("VALISE_DEBUG")),
        environment);
  }

  /** The environment variable {@code name}, or null if unset. */
  @Nullable String variable(String name) {
    return environment.get(name);
  }

  /** The environment variables this run sees. */
  public Map<String, String> environment() {
    return environment;
  }

  public InputStream stdin() {
    return stdin;
  }

  /** Standard output, a raw byte stream. */
  public OutputStream stdout() {
    return stdout;
  }

  PrintStream stderr() {
    return stderr;
  }

  Terminal terminal() {
    return terminal;
  }

  /** The random source of the process. */
  public SecureRandom random() {
    return random;
  }

  /** The clock of the process. */
  public Clock clock() {
    return clock;
  }

  /** True when {@code VALISE_DEBUG=1}: errors also print their stack trace. */
  boolean debug() {
    return debug;
  }
}
