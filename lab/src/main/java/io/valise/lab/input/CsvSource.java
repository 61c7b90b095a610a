package io.valise.lab.input;

import io.valise.lab.record.Column;
import io.valise.lab.record.CsvException;
import io.valise.lab.record.CsvReader;
import io.valise.lab.record.LabCsvReader;
import io.valise.lab.record.LabRecord;
import io.valise.lab.record.Utf8Reader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A lab CSV file read in batches: the reading thread only cuts the bytes into chunks of whole
 * records ({@link CsvChunks}); each chunk is parsed where its {@link RecordBatch#records()} runs,
 * straight from the bytes, one string per field. The result is {@link LabCsvReader}'s: the byte
 * parser handles what well-formed files hold, and a chunk with anything else (a quote out of place,
 * a field count that differs from the header, a long field, bytes that are not UTF-8) is parsed
 * again by {@link LabCsvReader} itself, so errors and their line numbers are exactly its own.
 */
final class CsvSource implements RecordSource {
  /** The size of a batch's bytes: large enough to amortise a hand-over, small for memory. */
  static final int CHUNK = 1 << 20;

  private final InputStream in;
  private final int chunk;
  private final CsvChunks chunks;
  private final List<Column> columns;
  private final int[] slot;
  private @Nullable Iterator<LabRecord> pending;

  // A value array is a map from Column to text; the ordinal is its index, as in EnumMap.
  @SuppressWarnings("EnumOrdinal")
  private CsvSource(InputStream in, int chunk, CsvChunks chunks, List<Column> columns) {
    this.in = in;
    this.chunk = chunk;
    this.chunks = chunks;
    this.columns = columns;
    this.slot = new int[columns.size()];
    for (int i = 0; i < slot.length; i++) {
      slot[i] = columns.get(i).ordinal();
    }
  }

  /** Reads the header of {@code in}; errors as {@link LabCsvReader#open(InputStream)}. */
  static CsvSource open(InputStream in) throws IOException {
    return open(in, CHUNK);
  }

  /** As {@link #open(InputStream)}, with batches of about {@code chunk} bytes. */
  static CsvSource open(InputStream in, int chunk) throws IOException {
    CsvChunks chunks = new CsvChunks(in);
    byte[] bytes = new byte[0];
    while (true) {
      // The first chunk is one line with content, unless that was only a byte order mark.
      CsvChunks.Chunk head = chunks.next(1, true);
      if (head != null) {
        int n = bytes.length;
        bytes = java.util.Arrays.copyOf(bytes, n + head.length());
        System.arraycopy(head.bytes(), 0, bytes, n, head.length());
      }
      CsvReader csv = new CsvReader(reader(bytes, bytes.length, 0));
      List<String> header = csv.next();
      if (header != null) {
        return new CsvSource(in, chunk, chunks, LabCsvReader.columns(header, csv.recordLine()));
      }
      if (head == null) {
        throw new CsvException(1, "the file is empty; it needs a header line");
      }
    }
  }

  @Override
  public @Nullable LabRecord next() throws IOException {
    while (pending == null || !pending.hasNext()) {
      RecordBatch b = nextBatch();
      if (b == null) {
        return null;
      }
      pending = b.records().iterator();
    }
    return pending.next();
  }

  @Override
  public @Nullable RecordBatch nextBatch() throws IOException {
    Iterator<LabRecord> left = pending;
    if (left != null && left.hasNext()) {
      pending = null;
      List<LabRecord> rest = new ArrayList<>();
      left.forEachRemaining(rest::add);
      return () -> rest;
    }
    CsvChunks.Chunk c = chunks.next(chunk, false);
    if (c == null) {
      return null;
    }
    return () -> parse(c);
  }

  private List<LabRecord> parse(CsvChunks.Chunk c) throws IOException {
    if (!c.cut()) {
      List<LabRecord> fast = new Parser(c.bytes(), c.length(), c.firstLine()).records();
      if (fast != null) {
        return fast;
      }
    }
    List<LabRecord> out = new ArrayList<>();
    LabCsvReader r =
        LabCsvReader.body(reader(c.bytes(), c.length(), c.firstByte()), c.firstLine(), columns);
    for (LabRecord rec = r.next(); rec != null; rec = r.next()) {
      out.add(rec);
    }
    if (c.cut()) {
      throw new CsvException(
          c.firstLine(), "a record longer than " + CsvChunks.MAX_RECORD + " bytes");
    }
    return out;
  }

  /** A reader of {@code b[0..n)}, which starts at byte {@code firstByte} of the file. */
  private static Reader reader(byte[] b, int n, long firstByte) {
    return new Utf8Reader(new ByteArrayInputStream(b, 0, n), firstByte);
  }

  private static CharsetDecoder strict() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * Parses a chunk from its bytes, or gives up (null) at anything a plain well-formed file does not
   * hold, for {@link LabCsvReader} to parse it instead.
   */
  private final class Parser {
    private final byte[] a;
    private final int n;
    private long line;
    private int p;
    private @Nullable CharsetDecoder decoder;
    private byte @Nullable [] unquoted;

    Parser(byte[] a, int n, long firstLine) {
      this.a = a;
      this.n = n;
      this.line = firstLine;
    }

    @Nullable List<LabRecord> records() {
      List<LabRecord> out = new ArrayList<>(CHUNK / 200);
      String[] v = new String[Column.values().length];
      while (p < n) {
        byte b = a[p];
        if (b == '\r' || b == '\n') {
          endOfLine();
          continue;
        }
        long row = line;
        int f = 0;
        while (true) {
          if (f == slot.length) {
            return null; // more fields than the header
          }
          String value = p < n && a[p] == '"' ? quoted() : unquoted();
          if (value == null) {
            return null;
          }
          v[slot[f++]] = value;
          if (p == n) {
            break;
          }
          if (a[p] == ',') {
            p++;
            continue;
          }
          endOfLine();
          break;
        }
        if (f != slot.length) {
          return null;
        }
        out.add(LabRecord.ofColumns(row, v));
      }
      return out;
    }

    /** Consumes CRLF, LF or CR at {@code p}. */
    private void endOfLine() {
      if (a[p] == '\r' && p + 1 < n && a[p + 1] == '\n') {
        p++;
      }
      p++;
      line++;
    }

    private @Nullable String unquoted() {
      int s = p;
      boolean ascii = true;
      while (p < n) {
        byte b = a[p];
        if (b == ',' || b == '\n' || b == '\r') {
          break;
        }
        if (b == '"') {
          return null;
        }
        if (b < 0) {
          ascii = false;
        }
        p++;
      }
      return text(a, s, p - s, ascii);
    }

    /** A quoted field from its opening quote; the separator or line end must follow it. */
    private @Nullable String quoted() {
      p++;
      int s = p;
      int quotes = 0;
      boolean ascii = true;
      while (true) {
        if (p == n) {
          return null; // not closed
        }
        byte b = a[p];
        if (b == '"') {
          if (p + 1 < n && a[p + 1] == '"') {
            quotes++;
            p += 2;
            continue;
          }
          break;
        }
        if (b == '\n' || (b == '\r' && !(p + 1 < n && a[p + 1] == '\n'))) {
          line++;
        } else if (b < 0) {
          ascii = false;
        }
        p++;
      }
      int e = p;
      p++; // the closing quote
      if (p < n && a[p] != ',' && a[p] != '\r' && a[p] != '\n') {
        return null; // text after the closing quote
      }
      if (quotes == 0) {
        return text(a, s, e - s, ascii);
      }
      byte[] u = unquoted;
      if (u == null || u.length < e - s) {
        u = new byte[Math.max(e - s, 256)];
        unquoted = u;
      }
      int k = 0;
      for (int i = s; i < e; i++) {
        u[k++] = a[i];
        if (a[i] == '"') {
          i++; // the second of a doubled quote
        }
      }
      return text(u, 0, k, ascii);
    }

    private @Nullable String text(byte[] b, int off, int len, boolean ascii) {
      if (len > CsvReader.MAX_FIELD) {
        return null; // may be too long in characters: let the reader count them
      }
      if (len == 0) {
        return "";
      }
      if (ascii) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
      }
      CharsetDecoder d = decoder;
      if (d == null) {
        d = strict();
        decoder = d;
      }
      try {
        return d.reset().decode(ByteBuffer.wrap(b, off, len)).toString();
      } catch (CharacterCodingException e) {
        return null;
      }
    }
  }
}
