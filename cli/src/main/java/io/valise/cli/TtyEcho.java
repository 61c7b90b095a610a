package io.valise.cli;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.jspecify.annotations.Nullable;

/**
 * Turns terminal echo off and back on through libc's termios calls, so that a passphrase typed on
 * {@code /dev/tty} is not shown. Echo is a property of the terminal device, so it is changed
 * through a descriptor of our own and holds for every reader of the device. This avoids running
 * {@code stty} as a child process.
 */
final class TtyEcho {
  // Linux, glibc: struct termios is 60 bytes with c_lflag at offset 12; ECHO is octal 010.
  private static final int TERMIOS_SIZE = 64;
  private static final long C_LFLAG_OFFSET = 12;
  private static final int ECHO = 0x8;
  private static final int TCSANOW = 0;
  private static final int O_RDWR = 2;
  private static final int O_NOCTTY = 0x100;

  private final MethodHandle open;
  private final MethodHandle close;
  private final MethodHandle tcgetattr;
  private final MethodHandle tcsetattr;

  private TtyEcho(Linker linker, SymbolLookup libc) {
    ValueLayout.OfInt i = ValueLayout.JAVA_INT;
    this.open = handle(linker, libc, "open", FunctionDescriptor.of(i, ValueLayout.ADDRESS, i));
    this.close = handle(linker, libc, "close", FunctionDescriptor.of(i, i));
    this.tcgetattr =
        handle(linker, libc, "tcgetattr", FunctionDescriptor.of(i, i, ValueLayout.ADDRESS));
    this.tcsetattr =
        handle(linker, libc, "tcsetattr", FunctionDescriptor.of(i, i, i, ValueLayout.ADDRESS));
  }

  /** The controller, or null when native access is denied or libc lacks a symbol. */
  static @Nullable TtyEcho load() {
    try {
      Linker linker = Linker.nativeLinker();
      return new TtyEcho(linker, linker.defaultLookup());
    } catch (RuntimeException e) {
      return null;
    }
  }

  @SuppressWarnings("restricted") // the launcher enables native access
  private static MethodHandle handle(
      Linker linker, SymbolLookup libc, String name, FunctionDescriptor fd) {
    MemorySegment symbol =
        libc.find(name).orElseThrow(() -> new IllegalStateException("libc lacks " + name));
    return linker.downcallHandle(symbol, fd);
  }

  /**
   * Sets echo on {@code tty} on or off.
   *
   * @return false if the terminal could not be opened or changed
   */
  boolean set(String tty, boolean on) {
    try (Arena arena = Arena.ofConfined()) {
      int fd = (int) open.invokeExact(arena.allocateFrom(tty), O_RDWR | O_NOCTTY);
      if (fd < 0) {
        return false;
      }
      try {
        MemorySegment termios = arena.allocate(TERMIOS_SIZE);
        if ((int) tcgetattr.invokeExact(fd, termios) != 0) {
          return false;
        }
        int flags = termios.get(ValueLayout.JAVA_INT, C_LFLAG_OFFSET);
        flags = on ? flags | ECHO : flags & ~ECHO;
        termios.set(ValueLayout.JAVA_INT, C_LFLAG_OFFSET, flags);
        return (int) tcsetattr.invokeExact(fd, TCSANOW, termios) == 0;
      } finally {
        int ignored = (int) close.invokeExact(fd);
      }
    } catch (Throwable e) {
      return false;
    }
  }
}
