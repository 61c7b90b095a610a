package io.valise.cli.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Shared plumbing of the interop suites: finding the peers, running them and running valise as a
 * real process (its own JVM, real standard streams, real terminal detection).
 *
 * <p>A missing peer skips the suite with a clear reason, except when the system property {@code
 * valise.requireInterop} is {@code true} (./run-tests and CI): then it fails, so that a broken
 * machine cannot pass by skipping.
 */
final class Interop {
  private Interop() {}

  /** The repository root: tests run in the module directory. */
  static Path root() {
    return Path.of("..").toAbsolutePath().normalize();
  }

  /** Skips or fails (see the class comment) unless {@code available}. */
  static void need(boolean available, String what) {
    if (available) {
      return;
    }
    String message = what + " is missing, so this interoperability suite cannot run";
    if (Boolean.getBoolean("valise.requireInterop")) {
      fail(message + " (valise.requireInterop=true: install it, for example with ./run-tests)");
    }
    assumeTrue(false, message + "; skipped (set -Dvalise.requireInterop=true to make it fail)");
  }

  /** Whether {@code command} runs and exits 0. */
  static boolean runs(String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().close();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The command line that starts valise in a fresh JVM on this test's class path. */
  static List<String> valise(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "--enable-native-access=ALL-UNNAMED",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"),
            "io.valise.cli.Main"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Runs valise with {@code args} in {@code dir}, stdin empty. */
  static Proc valise(Path dir, String... args) throws IOException {
    return Proc.run(dir, new byte[0], valise(args));
  }

  /**
   * Runs {@code command} on a pseudo-terminal through util-linux {@code script}, typing {@code
   * typed} into it: the age tool reads passphrases only from a terminal. Its output must go to a
   * file (-o), since the terminal's transcript mixes prompts into stdout.
   */
  static Proc onTerminal(Path dir, String typed, List<String> command) throws IOException {
    String line = command.stream().map(Interop::quote).collect(Collectors.joining(" "));
    return Proc.run(
        dir,
        typed.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        List.of("script", "-qec", line, "/dev/null"));
  }

  static boolean hasScript() {
    return runs("script", "-qec", "true", "/dev/null");
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static byte[] randomBytes(int size) {
    byte[] b = new byte[size];
    new java.util.Random(size).nextBytes(b); // reproducible; secrecy does not matter here
    return b;
  }

  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }
}
