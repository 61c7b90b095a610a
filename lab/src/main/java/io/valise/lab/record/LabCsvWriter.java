package io.valise.lab.record;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes a lab results file: the header, then one line per record, UTF-8, RFC 4180. */
public final class LabCsvWriter implements Closeable, Flushable {
  private final CsvWriter csv;

  private LabCsvWriter(CsvWriter csv) {
    this.csv = csv;
  }

  /** Writes the header to {@code out}, which this writer buffers. */
  public static LabCsvWriter open(OutputStream out) throws IOException {
    CsvWriter csv =
        new CsvWriter(
            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024));
    List<String> header = new ArrayList<>();
    for (Column c : Column.values()) {
      header.add(c.header());
    }
    csv.write(header);
    return new LabCsvWriter(csv);
  }

  public void write(LabRecord record) throws IOException {
    csv.write(record.values());
  }

  @Override
  public void flush() throws IOException {
    csv.flush();
  }

  /** Flushes and closes the stream given to {@link #open}. */
  @Override
  public void close() throws IOException {
    csv.close();
  }
}
