package io.valise.cli;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The process's real terminal on a POSIX system.
 *
 * <p>{@code System.console()} cannot answer "is stdout a terminal": since Java 22 it describes
 * stdin and stdout together. So this asks libc's {@code isatty} per descriptor through the foreign
 * function API, and falls back to where {@code /proc/self/fd/N} points when native access is
 * denied. Secrets are read from {@code /dev/tty}, as the age tool does, so that a passphrase can be
 * asked while stdin carries the data.
 */
final class SystemTerminal implements Terminal {
  private static final String TTY = "/dev/tty";
  private static final String NO_TTY =
      "no terminal to ask for the passphrase: give it with --passphrase-file FILE";

  private final @Nullable MethodHandle isatty = lookupIsatty();

  @Override
  public boolean isTerminal(Stream stream) {
    if (isatty != null) {
      try {
        return (int) isatty.invokeExact(stream.fd) == 1;
      } catch (Throwable e) {
        // fall through to /proc
      }
    }
    return procSaysTerminal(stream.fd);
  }

  @SuppressWarnings("restricted") // downcallHandle is restricted; the launcher enables access
  private static @Nullable MethodHandle lookupIsatty() {
    try {
      Linker linker = Linker.nativeLinker();
      return linker
          .defaultLookup()
          .find("isatty")
          .map(
              a ->
                  linker.downcallHandle(
                      a, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)))
          .orElse(null);
    } catch (RuntimeException e) {
      return null; // native access denied, or no libc: use /proc
    }
  }

  private static boolean procSaysTerminal(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  @Override
  public char[] readSecret(String prompt) throws IOException {
    FileInputStream in;
    FileOutputStream out;
    try {
      in = new FileInputStream(TTY);
      out = new FileOutputStream(TTY);
    } catch (FileNotFoundException e) {
      throw new CliException(NO_TTY); // no controlling terminal (ENXIO)
    }
    try (in;
        out) {
      out.write(prompt.getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread restore = new Thread(() -> stty(true));
      if (!stty(false)) {
        throw new CliException("could not turn off echo on the terminal to read the passphrase");
      }
      Runtime.getRuntime().addShutdownHook(restore); // Ctrl-C must not leave echo off
      try {
        return readLine(in);
      } finally {
        stty(true);
        removeHook(restore);
        out.write('\n');
      }
    }
  }

  // Bound on first use only: most runs never ask for a passphrase, and each native binding costs
  // start-up time.
  private @Nullable TtyEcho echo;

  private boolean stty(boolean echoOn) {
    if (echo == null) {
      echo = TtyEcho.load();
    }
    TtyEcho control = echo;
    return control != null && control.set(TTY, echoOn);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs and restores echo
    }
  }

  /** Reads up to a line end, without keeping copies of the secret in intermediate buffers. */
  private static char[] readLine(InputStream in) throws IOException {
    byte[] buf = new byte[128];
    int len = 0;
    try {
      for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
        if (len == buf.length) {
          byte[] bigger = Arrays.copyOf(buf, len * 2);
          Arrays.fill(buf, (byte) 0);
          buf = bigger;
        }
        buf[len++] = (byte) b;
      }
      if (len > 0 && buf[len - 1] == '\r') {
        len--;
      }
      return Secrets.decodeUtf8(buf, len);
    } finally {
      Arrays.fill(buf, (byte) 0);
    }
  }
}
