package io.valise.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.valise.app.Main;
import io.valise.cli.CliEnv;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/**
 * One user of the valise command: an account name and a $VALISE_HOME of its own, passed to the
 * command through the injected environment (the process environment is never touched).
 */
final class Person {
  private static final SecureRandom RANDOM = new SecureRandom();

  final String name;
  final Path home;

  Person(String name, Path home) {
    this.name = name;
    this.home = home;
  }

  /** Runs {@code valise ARGS} as this person with {@code stdin}. */
  Run input(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliEnv env =
        CliEnv.headless(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            RANDOM,
            Clock.systemUTC(),
            Map.of("VALISE_HOME", home.toString(), "HOME", home.resolve("no-home").toString()));
    int code = Main.run(env, args);
    return new Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  Run run(String... args) {
    return input("", args);
  }

  /** Runs and asserts exit code 0; returns the run. */
  Run ok(String... args) {
    Run r = run(args);
    assertEquals(0, r.code(), () -> "valise " + String.join(" ", args) + ": " + r);
    return r;
  }

  /** Runs with {@code stdin} and asserts exit code 0. */
  Run okWithInput(String stdin, String... args) {
    Run r = input(stdin, args);
    assertEquals(0, r.code(), () -> "valise " + String.join(" ", args) + ": " + r);
    return r;
  }

  @Override
  public String toString() {
    return name;
  }
}
