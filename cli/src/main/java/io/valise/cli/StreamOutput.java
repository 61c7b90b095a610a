package io.valise.cli;

import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Output written straight to a stream that cannot be replaced atomically: standard output, or an
 * existing device or named pipe. What was written before a failure has been written.
 */
final class StreamOutput implements Output {
  private final OutputStream target;
  private final boolean stdout;
  private final OutputStream shield;
  private final WritableByteChannel channel;

  private StreamOutput(OutputStream target, boolean stdout) {
    this.target = target;
    this.stdout = stdout;
    this.shield = new NonClosing(target);
    // A plain FileOutputStream (the process's stdout, a device) yields its own FileChannel.
    this.channel = Channels.newChannel(target);
  }

  static StreamOutput stdout(OutputStream stdout) {
    return new StreamOutput(stdout, true);
  }

  static StreamOutput device(Path path) throws IOException {
    return new StreamOutput(new FileOutputStream(path.toFile()), false);
  }

  @Override
  public OutputStream stream() {
    return shield;
  }

  @Override
  public WritableByteChannel channel() {
    return channel;
  }

  @Override
  public void commit() throws IOException {
    target.flush();
  }

  @Override
  public void close() throws IOException {
    if (stdout) {
      target.flush(); // standard output stays open for whoever writes next
    } else {
      target.close();
    }
  }

  @Override
  public boolean isStdout() {
    return stdout;
  }

  /** Passes writes through; close() only flushes. */
  static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
