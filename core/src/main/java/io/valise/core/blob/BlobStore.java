package io.valise.core.blob;

import io.valise.core.id.BlobId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Payload bytes under opaque random ids. A blob becomes visible only when its {@link Staged} writer
 * commits, and then completely: a crash before the commit leaves nothing that {@link #open}, {@link
 * #size} or {@link #list} can see. Blobs are never modified after the commit. Implementations are
 * safe for concurrent use.
 */
public interface BlobStore {
  /**
   * Starts writing a new blob. Nothing is visible until {@link Staged#commit()}.
   *
   * @throws BlobExistsException if a committed blob already has this id
   * @throws IOException if the store cannot start a write
   */
  Staged stage(BlobId id) throws IOException;

  /**
   * Opens {@code length} bytes of a committed blob, starting at {@code offset}.
   *
   * @throws IllegalArgumentException if the range is negative or goes past the end of the blob
   * @throws BlobNotFoundException if there is no committed blob with this id
   * @throws IOException if the store cannot read
   */
  InputStream open(BlobId id, long offset, long length) throws IOException;

  /**
   * Writes {@code length} bytes of a committed blob, from {@code offset}, to {@code out} (not
   * closed). Stores that can hand over native memory (a local file, mapped) override this, so a
   * download is not copied onto the heap.
   *
   * @throws IllegalArgumentException if the range is negative or goes past the end of the blob
   * @throws BlobNotFoundException if there is no committed blob with this id
   * @throws IOException if the store cannot read or {@code out} cannot write
   */
  default void copyTo(BlobId id, long offset, long length, WritableByteChannel out)
      throws IOException {
    try (InputStream in = open(id, offset, length)) {
      byte[] chunk = new byte[64 * 1024];
      for (int n; (n = in.read(chunk)) > 0; ) {
        ByteBuffer b = ByteBuffer.wrap(chunk, 0, n);
        while (b.hasRemaining()) {
          out.write(b);
        }
      }
    }
  }

  /** The size of a committed blob, or empty if there is none with this id. */
  OptionalLong size(BlobId id) throws IOException;

  /** Deletes a committed blob; false if there was none. Readers already open may finish. */
  boolean delete(BlobId id) throws IOException;

  /** The ids of every committed blob, in no particular order, for orphan sweeps. */
  List<BlobId> list() throws IOException;

  /**
   * When a committed blob was last written (at most its commit time), or empty if there is none
   * with this id. The orphan sweep leaves blobs younger than a grace period alone, because their
   * envelope row may still be on its way.
   */
  Optional<Instant> writtenAt(BlobId id) throws IOException;

  /**
   * A blob being written. Write to {@link #output()}, then call exactly one of {@link #commit()} or
   * {@link #abort()}; closing without a commit aborts.
   */
  interface Staged extends AutoCloseable {
    /** Where the bytes go. Closing it does not commit. */
    OutputStream output();

    /**
     * The same destination as a channel, for writers holding native buffers; closing it does not
     * commit. Stores that write such buffers without a copy on the heap override this.
     */
    default WritableByteChannel channel() {
      return Channels.newChannel(output());
    }

    /**
     * Makes the blob durable and visible under its id, atomically.
     *
     * @return the blob's size in bytes
     * @throws BlobExistsException if another blob with this id was committed meanwhile
     * @throws IOException if the bytes cannot be made durable; nothing is visible then
     */
    long commit() throws IOException;

    /** Discards what was written. Does nothing after a commit or an earlier abort. */
    void abort() throws IOException;

    /** Aborts unless committed. */
    @Override
    void close() throws IOException;
  }
}
