package io.valise.store.fs;

import io.valise.core.blob.BlobExistsException;
import io.valise.core.blob.BlobStore;
import io.valise.core.id.BlobId;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** A blob being written to a temporary file; see {@link FsBlobStore} for the protocol. */
final class StagedFile implements BlobStore.Staged {
  private enum State {
    OPEN,
    COMMITTED,
    ABORTED
  }

  private final FsBlobStore store;
  private final BlobId id;
  private final Path temp;
  private final Path target;
  private final FileChannel channel;
  private final OutputStream out;
  private State state = State.OPEN;

  StagedFile(FsBlobStore store, BlobId id, Path temp, Path target) throws IOException {
    this.store = store;
    this.id = id;
    this.temp = temp;
    this.target = target;
    this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
    this.out = new BufferedOutputStream(new ChannelOutput(channel), 1 << 16);
  }

  @Override
  public OutputStream output() {
    return out;
  }

  @Override
  public WritableByteChannel channel() {
    return new WritableByteChannel() {
      @Override
      public int write(ByteBuffer src) throws IOException {
        out.flush(); // anything written through output() goes first
        int n = src.remaining();
        while (src.hasRemaining()) {
          channel.write(src);
        }
        return n;
      }

      @Override
      public boolean isOpen() {
        return channel.isOpen();
      }

      @Override
      public void close() throws IOException {
        out.flush(); // the commit owns the file channel
      }
    };
  }

  @Override
  public synchronized long commit() throws IOException {
    if (state != State.OPEN) {
      throw new IllegalStateException("Blob [%s] is already %s".formatted(id, state));
    }
    try {
      out.flush();
      channel.force(true);
      long size = channel.size();
      channel.close();
      if (Files.exists(target)) {
        throw new BlobExistsException(id);
      }
      // ids are 128 random bits, so no other writer races for this target between the check
      // and the rename; the check only refuses a caller reusing an id.
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      state = State.COMMITTED;
      store.syncDirectory();
      return size;
    } catch (IOException | RuntimeException e) {
      if (state == State.OPEN) {
        abort();
      }
      throw e;
    }
  }

  @Override
  public synchronized void abort() throws IOException {
    if (state != State.OPEN) {
      return;
    }
    state = State.ABORTED;
    try {
      channel.close();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public void close() throws IOException {
    abort();
  }

  /** Writes to the channel; closing it only flushes, because the commit owns the channel. */
  private static final class ChannelOutput extends OutputStream {
    private final FileChannel channel;

    ChannelOutput(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }
}
