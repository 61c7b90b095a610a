package io.valise.age.stream;

/**
 * Receives progress of a whole-payload operation, for example to draw a progress bar. Calls come
 * from one thread at a time, which need not be the caller's; an exception thrown here aborts the
 * operation and is rethrown to its caller.
 */
@FunctionalInterface
public interface Progress {
  /** The total, when the size of the input is not known in advance. */
  long UNKNOWN = -1;

  /** Ignores all progress. */
  Progress NONE = (done, total) -> {};

  /**
   * Reports that {@code bytesDone} plaintext bytes have been processed out of {@code bytesTotal},
   * or out of an {@link #UNKNOWN} total. The last call of a successful operation has {@code
   * bytesDone == bytesTotal}.
   */
  void update(long bytesDone, long bytesTotal);
}
