package io.valise.lab.input;

import io.valise.lab.record.LabRecord;
import java.io.Closeable;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** Lab records read one at a time from an input file, in constant memory. */
public interface RecordSource extends Closeable {
  /**
   * The next record, or null at the end of the input.
   *
   * @throws IOException if the input cannot be read or is malformed beyond a single record (a
   *     record whose fields are wrong is returned, for validation to report)
   */
  @Nullable LabRecord next() throws IOException;
}
