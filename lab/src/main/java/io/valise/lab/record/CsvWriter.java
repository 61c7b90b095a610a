package io.valise.lab.record;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes RFC 4180 CSV: fields separated by commas, records ended by CRLF, and a field in double
 * quotes (its quotes doubled) when it holds a comma, a quote, a line break, or leading or trailing
 * spaces. The caller buffers {@code out}.
 */
public final class CsvWriter implements Closeable, Flushable {
  private final Writer out;

  public CsvWriter(Writer out) {
    this.out = out;
  }

  /** Writes one record. */
  public void write(List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      writeField(fields.get(i));
    }
    out.write("\r\n");
  }

  private void writeField(String f) throws IOException {
    if (!needsQuotes(f)) {
      out.write(f);
      return;
    }
    out.write('"');
    out.write(f.replace("\"", "\"\""));
    out.write('"');
  }

  /**
   * Appends one record to {@code out} in UTF-8, as {@link #write(List)} writes it: the bytes of a
   * batch of records are built apart from the file and written in one call.
   */
  public static void append(ByteSink out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append((byte) ',');
      }
      appendField(out, fields.get(i));
    }
    out.append((byte) '\r').append((byte) '\n');
  }

  /** Appends one field, quoted if it needs it, without the separator. */
  public static void appendField(ByteSink out, String f) {
    if (out.appendPlain(f)) {
      return; // ASCII without separators, quotes or line breaks: the common case, in one pass
    }
    if (!needsQuotes(f)) {
      out.append(f);
      return;
    }
    out.append((byte) '"');
    out.append(f.replace("\"", "\"\""));
    out.append((byte) '"');
  }

  static boolean needsQuotes(String f) {
    if (f.isEmpty()) {
      return false;
    }
    if (f.charAt(0) == ' ' || f.charAt(f.length() - 1) == ' ') {
      return true;
    }
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
