package io.valise.lab.input;

import io.valise.lab.record.LabRecord;
import java.io.IOException;
import java.util.List;

/**
 * Some consecutive records of an input, cut from it on the reading thread and turned into records
 * by {@link #records()} on any thread, so that parsing can run on several cores while the order of
 * the input is kept by the order of the batches.
 */
@FunctionalInterface
public interface RecordBatch {
  /**
   * The records of this batch, in input order. Called once.
   *
   * @throws IOException if this part of the input is malformed (the same error a reader of the
   *     whole input gives, when no earlier batch failed)
   */
  List<LabRecord> records() throws IOException;
}
