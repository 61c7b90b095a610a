package io.valise.lab.record;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Reads a lab results file one {@link LabRecord} at a time. The first record is the header: it must
 * name every {@link Column} once, in any order, and nothing else. Each later record must have as
 * many fields as the header. Input is UTF-8; malformed bytes are an error, not replaced.
 */
public final class LabCsvReader implements Closeable {
  private final CsvReader csv;
  private final Column[] order;

  private LabCsvReader(CsvReader csv, Column[] order) {
    this.csv = csv;
    this.order = order;
  }

  /** Opens {@code in} (UTF-8) and reads its header. */
  public static LabCsvReader open(InputStream in) throws IOException {
    return open(new Utf8Reader(in, 0));
  }

  /** Reads the header from {@code in}. */
  public static LabCsvReader open(Reader in) throws IOException {
    CsvReader csv = new CsvReader(in);
    List<String> header = csv.next();
    if (header == null) {
      throw new CsvException(1, "the file is empty; it needs a header line");
    }
    return new LabCsvReader(csv, columns(header, csv.recordLine()).toArray(new Column[0]));
  }

  /**
   * The records of part of a file whose header gave {@code columns}, starting at a record's first
   * character on line {@code firstLine}: what a reader of the whole file gives for that part,
   * errors included.
   */
  public static LabCsvReader body(Reader in, long firstLine, List<Column> columns) {
    return new LabCsvReader(new CsvReader(in, firstLine), columns.toArray(new Column[0]));
  }

  /**
   * The column of each field of a header line, which must name every {@link Column} once, in any
   * order, and nothing else (names are trimmed).
   *
   * @throws CsvException naming {@code line} if it does not
   */
  public static List<Column> columns(List<String> header, long line) throws CsvException {
    Column[] order = new Column[header.size()];
    Set<Column> seen = EnumSet.noneOf(Column.class);
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).trim();
      Optional<Column> c = Column.ofHeader(name);
      if (c.isEmpty()) {
        unknown.add(name);
        continue;
      }
      if (!seen.add(c.get())) {
        throw new CsvException(line, "column " + name + " appears twice");
      }
      order[i] = c.get();
    }
    if (!unknown.isEmpty()) {
      throw new CsvException(line, "unknown columns: " + String.join(", ", unknown));
    }
    if (seen.size() != Column.values().length) {
      StringJoiner missing = new StringJoiner(", ");
      for (Column c : Column.values()) {
        if (!seen.contains(c)) {
          missing.add(c.header());
        }
      }
      throw new CsvException(line, "missing columns: " + missing);
    }
    return List.of(order);
  }

  /** The next record, or null at the end of the file. */
  public @Nullable LabRecord next() throws IOException {
    List<String> fields = csv.next();
    if (fields == null) {
      return null;
    }
    if (fields.size() != order.length) {
      throw new CsvException(
          csv.recordLine(), fields.size() + " fields where the header has " + order.length);
    }
    Map<Column, String> values = new EnumMap<>(Column.class);
    for (int i = 0; i < order.length; i++) {
      values.put(order[i], fields.get(i));
    }
    return LabRecord.of(csv.recordLine(), values);
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
