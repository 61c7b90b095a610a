package io.valise.lab.record;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A streaming reader of RFC 4180 CSV: comma-separated fields, fields in double quotes may hold
 * commas, line breaks and doubled quotes; records end with CRLF, LF or CR. A UTF-8 byte order mark
 * at the start is skipped, and blank lines are ignored. Memory is bounded: one record at a time, at
 * most {@link #MAX_FIELD} characters per field and {@link #MAX_FIELDS} fields per record.
 *
 * <p>Strict where a lenient reader would guess: a quote inside an unquoted field, text after a
 * closing quote, or an unterminated quote is a {@link CsvException}; so are bytes that are not
 * UTF-8, with their line and byte offset when the reader is a {@link Utf8Reader}.
 */
public final class CsvReader implements Closeable {
  /** The longest field accepted, in characters. */
  public static final int MAX_FIELD = 8192;

  /** The most fields accepted in one record. */
  public static final int MAX_FIELDS = 256;

  private static final int EOF = -1;

  private final Reader in;
  private final char[] buf = new char[64 * 1024];
  private int pos;
  private int len;
  private long line = 1;
  private long recordLine;
  private boolean started;

  public CsvReader(Reader in) {
    this.in = in;
  }

  /**
   * A reader of part of a file that starts at a record's first character, on line {@code
   * firstLine}: line numbers count from there, and no byte order mark is looked for.
   */
  public CsvReader(Reader in, long firstLine) {
    this.in = in;
    this.line = firstLine;
    this.started = true;
  }

  /** The line where the last record returned by {@link #next()} starts. */
  public long recordLine() {
    return recordLine;
  }

  /** The next record's fields, or null at the end of the input. */
  public @Nullable List<String> next() throws IOException {
    if (!started) {
      started = true;
      if (peek() == '\uFEFF') {
        pos++;
      }
    }
    while (true) {
      int c = peek();
      if (c == EOF) {
        return null;
      }
      if (c == '\r' || c == '\n') {
        endOfLine();
        continue;
      }
      break;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    while (true) {
      int c = read();
      if (c == '"' && field.isEmpty()) {
        quoted(field);
        c = read();
        if (c != ',' && c != '\r' && c != '\n' && c != EOF) {
          throw new CsvException(line, "text after a closing quote (write \"\" for a quote)");
        }
      } else {
        while (c != ',' && c != '\r' && c != '\n' && c != EOF) {
          if (c == '"') {
            throw new CsvException(line, "a quote inside an unquoted field");
          }
          append(field, (char) c);
          c = read();
        }
      }
      add(fields, field);
      if (c == ',') {
        continue;
      }
      if (c == '\r' || c == '\n') {
        pos--;
        endOfLine();
      }
      return fields;
    }
  }

  private void quoted(StringBuilder field) throws IOException {
    long start = line;
    boolean cr = false;
    while (true) {
      int c = read();
      boolean afterCr = cr;
      cr = c == '\r';
      if (c == EOF) {
        throw new CsvException(start, "a quoted field is not closed");
      }
      if (c == '"') {
        if (peek() == '"') {
          pos++;
          append(field, '"');
          continue;
        }
        return;
      }
      // A CRLF counts at its CR, so that the line is right even when what follows it is not UTF-8.
      if (c == '\r' || (c == '\n' && !afterCr)) {
        line++;
      }
      append(field, (char) c);
    }
  }

  private void add(List<String> fields, StringBuilder field) throws CsvException {
    if (fields.size() == MAX_FIELDS) {
      throw new CsvException(recordLine, "more than " + MAX_FIELDS + " fields");
    }
    fields.add(field.toString());
    field.setLength(0);
  }

  private void append(StringBuilder field, char c) throws CsvException {
    if (field.length() == MAX_FIELD) {
      throw new CsvException(line, "a field longer than " + MAX_FIELD + " characters");
    }
    field.append(c);
  }

  /** Consumes CRLF, LF or CR. */
  private void endOfLine() throws IOException {
    int c = read();
    line++; // before looking further, which may fail on the next line
    if (c == '\r' && peek() == '\n') {
      pos++;
    }
  }

  private int peek() throws IOException {
    if (pos == len && !fill()) {
      return EOF;
    }
    return buf[pos];
  }

  private int read() throws IOException {
    if (pos == len && !fill()) {
      return EOF;
    }
    return buf[pos++];
  }

  private boolean fill() throws IOException {
    int n;
    try {
      n = in.read(buf, 0, buf.length);
    } catch (Utf8Reader.NotUtf8Exception e) {
      // Utf8Reader gave every character before the bad bytes, so they are on this line.
      throw new CsvException(
          line,
          e.getMessage() + " (the file must be UTF-8; was it saved as Latin-1 or Windows-1252?)");
    } catch (CharacterCodingException e) {
      throw new CsvException(line, "bytes that are not UTF-8 on this line or a little after it");
    }
    if (n <= 0) {
      pos = 0;
      len = 0;
      return false;
    }
    pos = 0;
    len = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * Every record of {@code text}, header included: for small files only (a recipient's check of
   * what it received, tests), since it holds them all.
   */
  public static List<List<String>> readAll(String text) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (CsvReader r = new CsvReader(new java.io.StringReader(text))) {
      for (List<String> row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    return rows;
  }
}
