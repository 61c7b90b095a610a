package io.valise.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One finished external process. Standard streams go through files, so no pipe can fill up and
 * block the child while the test waits for it.
 */
final class Proc {
  private static final long TIMEOUT_SECONDS = 180;

  private final List<String> command;
  private final int exitCode;
  private final byte[] stdout;
  private final String stderr;

  private Proc(List<String> command, int exitCode, byte[] stdout, String stderr) {
    this.command = command;
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Runs {@code command} in {@code dir} with {@code stdin} as its input, and waits for it. */
  static Proc run(Path dir, byte[] stdin, List<String> command) throws IOException {
    Path in = Files.createTempFile(dir, ".stdin", "");
    Path out = Files.createTempFile(dir, ".stdout", "");
    Path err = Files.createTempFile(dir, ".stderr", "");
    try {
      Files.write(in, stdin);
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectInput(in.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out after " + TIMEOUT_SECONDS + " s: " + command);
      }
      return new Proc(
          command,
          p.exitValue(),
          Files.readAllBytes(out),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Fails the test, showing the command and its stderr, unless the exit code was 0. */
  Proc ok() {
    assertEquals(0, exitCode, () -> command + " failed (" + exitCode + "): " + stderr);
    return this;
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
}
