package io.valise.cli;

import io.valise.lab.input.Format;
import io.valise.lab.input.Inputs;
import io.valise.lab.input.RecordBatch;
import io.valise.lab.input.RecordSource;
import io.valise.lab.record.LabRecord;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The input file of {@code lab send}, whose every failure names the file (the readers name the
 * line, record or byte offset, not the file) and says that nothing was sent, which is true because
 * {@code lab send} uploads only once the whole file has been read. Batches parsed on other threads
 * fail the same way.
 */
final class LabInput implements RecordSource {
  private final RecordSource in;
  private final String name;

  private LabInput(RecordSource in, String name) {
    this.in = in;
    this.name = name;
  }

  /**
   * Opens {@code file} as {@link Inputs#open} does.
   *
   * @throws CliException naming the file if it cannot be opened or its header is wrong
   */
  static LabInput open(Path file, @Nullable Format format) throws CliException {
    try {
      return new LabInput(Inputs.open(file, format), file.toString());
    } catch (IOException e) {
      throw failure(file.toString(), e);
    }
  }

  @Override
  public @Nullable LabRecord next() throws IOException {
    try {
      return in.next();
    } catch (IOException e) {
      throw failure(name, e);
    }
  }

  @Override
  public @Nullable RecordBatch nextBatch() throws IOException {
    @Nullable RecordBatch b;
    try {
      b = in.nextBatch();
    } catch (IOException e) {
      throw failure(name, e);
    }
    if (b == null) {
      return null;
    }
    RecordBatch batch = b;
    return () -> {
      try {
        return batch.records();
      } catch (IOException e) {
        throw failure(name, e);
      }
    };
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private static CliException failure(String name, IOException e) {
    if (e instanceof CliException c) {
      return c;
    }
    return new CliException(name + ": " + e.getMessage() + "; nothing was sent", e);
  }
}
