package io.valise.lab.input;

import io.valise.lab.record.LabRecord;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Lab records read one at a time ({@link #next()}) or in batches ({@link #nextBatch()}) from an
 * input file, in constant memory. A caller uses one of the two ways.
 */
public interface RecordSource extends Closeable {
  /** How many records the default {@link #nextBatch()} reads. */
  int BATCH = 1024;

  /**
   * The next record, or null at the end of the input.
   *
   * @throws IOException if the input cannot be read or is malformed beyond a single record (a
   *     record whose fields are wrong is returned, for validation to report)
   */
  @Nullable LabRecord next() throws IOException;

  /**
   * The next records, or null at the end of the input. The default reads up to {@link #BATCH}
   * records with {@link #next()} on the calling thread; a format that can be cut cheaply (CSV)
   * leaves their parsing to {@link RecordBatch#records()}, on whichever thread calls it.
   *
   * @throws IOException as {@link #next()}
   */
  default @Nullable RecordBatch nextBatch() throws IOException {
    List<LabRecord> records = new ArrayList<>();
    for (LabRecord r = next(); r != null; r = records.size() < BATCH ? next() : null) {
      records.add(r);
    }
    if (records.isEmpty()) {
      return null;
    }
    return () -> records;
  }
}
