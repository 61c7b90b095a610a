package io.valise.lab.record;

import java.io.IOException;

/** A file that is not the CSV it should be; the message names the line. */
public final class CsvException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long line;

  public CsvException(long line, String message) {
    super("line " + line + ": " + message);
    this.line = line;
  }

  /** The line (1-based) where the problem is. */
  public long line() {
    return line;
  }
}
