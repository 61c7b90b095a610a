package io.valise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void lineWithKnownSize() {
    String line = ProgressBar.line(3L << 20, OptionalLong.of(12L << 20), 2_000_000_000L);
    assertEquals("valise: [######------------------]  25%  3.0 MiB / 12.0 MiB  1.5 MiB/s", line);
  }

  @Test
  void lineWithUnknownSize() {
    assertEquals(
        "valise: 2.0 GiB  1.0 GiB/s",
        ProgressBar.line(2L << 30, OptionalLong.empty(), 2_000_000_000L));
  }

  @Test
  void sizes() {
    assertEquals("0 B", ProgressBar.size(0));
    assertEquals("1023 B", ProgressBar.size(1023));
    assertEquals("1.0 KiB", ProgressBar.size(1024));
    assertEquals("1.5 MiB", ProgressBar.size(3L << 19));
  }

  @Test
  void drawsAfterTheThresholdAtMostFiveTimesASecondAndErasesItself() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong();
    ProgressBar p =
        ProgressBar.drawingOn(
            new PrintStream(err, true, StandardCharsets.UTF_8),
            OptionalLong.of(4L << 20),
            now::get);
    InputStream in = p.count(new ByteArrayInputStream(new byte[4 << 20]));
    byte[] buf = new byte[1 << 19];
    for (int i = 0; i < 8; i++) {
      now.addAndGet(100_000_000L);
      in.read(buf);
    }
    p.finish();
    String drawn = err.toString(StandardCharsets.UTF_8);
    int draws = drawn.split("valise: ", -1).length - 1;
    assertTrue(draws >= 2 && draws <= 4, drawn);
    assertTrue(drawn.contains(" 87%  3.5 MiB / 4.0 MiB  5.0 MiB/s"), drawn);
    assertTrue(drawn.endsWith("\r\u001b[K"), "erased at the end");
  }

  @Test
  void silentWhenStderrIsNotATerminalOrTheInputIsSmall() {
    CliEnv plain = env(FakeTerminal.none());
    InputStream in = new ByteArrayInputStream(new byte[1]);
    assertSame(in, ProgressBar.of(plain, OptionalLong.of(10L << 20), false).count(in));
    CliEnv tty = env(FakeTerminal.none().attached(Terminal.Stream.STDERR));
    assertSame(in, ProgressBar.of(tty, OptionalLong.of(1000), false).count(in));
    assertTrue(ProgressBar.of(tty, OptionalLong.of(10L << 20), false).count(in) != in);
    CliEnv both = env(FakeTerminal.none().attached(Terminal.Stream.STDERR, Terminal.Stream.STDOUT));
    assertSame(in, ProgressBar.of(both, OptionalLong.empty(), true).count(in), "stdout busy");
  }

  @Test
  void shownDuringALargeEncryptionWhenStderrIsATerminal() throws IOException {
    Keys k = Keys.x25519(java.nio.file.Files.createTempFile("progress", ".key"));
    try {
      Cli.Result r =
          Cli.cli()
              .terminal(FakeTerminal.none().attached(Terminal.Stream.STDERR))
              .stdin(new byte[3 << 20])
              .run("encrypt", "-r", k.recipient, "-o", "/dev/null");
      assertEquals(0, r.exitCode(), r::toString);
      assertTrue(r.err().startsWith("\rvalise: "), r.err());
      assertTrue(r.err().endsWith("\r\u001b[K"), r.err());
    } finally {
      java.nio.file.Files.delete(k.file);
    }
  }

  private static CliEnv env(Terminal t) {
    return new CliEnv(
        InputStream.nullInputStream(),
        new ByteArrayOutputStream(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        t,
        new java.security.SecureRandom(),
        java.time.Clock.systemUTC(),
        false);
  }
}
