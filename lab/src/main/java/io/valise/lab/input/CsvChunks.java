package io.valise.lab.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a CSV byte stream into chunks of whole records without parsing them: a chunk ends after a
 * line break that is outside quotes, where each double quote toggles "inside quotes". For a file
 * that parses (RFC 4180, as {@link io.valise.lab.record.CsvReader} reads it) that is exactly where
 * records end, since its quotes open, close or come in doubled pairs inside a quoted field; in a
 * file that does not, the first chunk to fail parsing is the one holding the first fault, and what
 * comes after it is never used. A CRLF is never split, so each chunk knows the line it starts on.
 *
 * <p>Memory is bounded: a chunk is at most {@link #MAX_RECORD} bytes past the target size. A record
 * longer than that cannot parse (its fields would break {@code CsvReader}'s limits), so it is
 * handed out cut, marked {@link Chunk#cut}, and nothing is read after it.
 */
final class CsvChunks {
  /**
   * More bytes than any record {@code CsvReader} accepts: 256 fields of 8,192 characters of at most
   * 3 bytes each (or 2, as doubled quotes or half a surrogate pair), quotes and separators.
   */
  static final int MAX_RECORD = 8 << 20;

  /** A run of whole records (or, if {@code cut}, the start of one too long to be valid). */
  static final class Chunk {
    private final byte[] bytes;
    private final int length;
    private final long firstLine;
    private final long firstByte;
    private final boolean cut;

    Chunk(byte[] bytes, int length, long firstLine, long firstByte, boolean cut) {
      this.bytes = bytes;
      this.length = length;
      this.firstLine = firstLine;
      this.firstByte = firstByte;
      this.cut = cut;
    }

    /** The bytes, valid up to {@link #length()}. */
    byte[] bytes() {
      return bytes;
    }

    int length() {
      return length;
    }

    /** The line of the file the chunk starts on. */
    long firstLine() {
      return firstLine;
    }

    /** The offset in the file of the chunk's first byte. */
    long firstByte() {
      return firstByte;
    }

    /** Whether the chunk is the start of a record too long to be valid. */
    boolean cut() {
      return cut;
    }
  }

  private final InputStream in;
  private byte[] buf = new byte[1 << 20];
  private int start;
  private int end;
  private boolean eof;
  private boolean done;
  private long line = 1;
  private long offset;

  CsvChunks(InputStream in) {
    this.in = in;
  }

  /**
   * The next chunk of about {@code target} bytes or more (less at the end), or null at the end.
   * With {@code content}, the chunk ends after the first line that is not blank (the header line).
   */
  @Nullable Chunk next(int target, boolean content) throws IOException {
    if (done) {
      return null;
    }
    boolean quoted = false;
    boolean seen = false;
    int cut = -1; // after the last line break outside quotes
    long cutLines = 0;
    long lines = 0;
    int p = start;
    while (true) {
      while (p < end) {
        byte b = buf[p];
        if (b == '"') {
          quoted = !quoted;
          seen = true;
        } else if (b == '\n' || b == '\r') {
          if (b == '\r') {
            if (p + 1 == end && !eof) {
              break; // is it CRLF? read on before deciding
            }
            if (p + 1 < end && buf[p + 1] == '\n') {
              p++; // CRLF: one line break, ending at the LF
            }
          }
          lines++;
          if (!quoted && (seen || !content)) {
            cut = p + 1;
            cutLines = lines;
            if (content || cut - start >= target) {
              return take(cut, cutLines, false);
            }
          }
        } else {
          seen = true;
        }
        p++;
      }
      if (eof) {
        done = true;
        return end == start ? null : take(end, lines, false);
      }
      if (end - start >= MAX_RECORD + target) {
        if (cut >= 0) {
          return take(cut, cutLines, false); // whole records; the long one comes next
        }
        done = true;
        return take(end, lines, true);
      }
      int shift = fill();
      p -= shift;
      if (cut >= 0) {
        cut -= shift;
      }
    }
  }

  private Chunk take(int cut, long lines, boolean tooLong) {
    Chunk c = new Chunk(Arrays.copyOfRange(buf, start, cut), cut - start, line, offset, tooLong);
    line += lines;
    offset += cut - start;
    start = cut;
    return c;
  }

  /**
   * Moves the unread bytes to the front, grows the buffer if it is full, and reads; returns how far
   * the bytes moved.
   */
  private int fill() throws IOException {
    int shift = start;
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buf.length) {
      buf = Arrays.copyOf(buf, Math.multiplyExact(buf.length, 2));
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
    return shift;
  }
}
