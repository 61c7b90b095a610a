package io.valise.age.armor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** Writes 48-byte groups as 64-column base64 lines, LF line ends, between the PEM lines. */
final class ArmorOutputStream extends OutputStream {
  private static final int GROUP = 48;
  private final OutputStream out;
  private final byte[] pending = new byte[GROUP];
  private int used;
  private boolean started;
  private boolean closed;

  ArmorOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("Armor stream closed");
    }
    begin();
    while (len > 0) {
      int n = Math.min(len, GROUP - used);
      System.arraycopy(b, off, pending, used, n);
      used += n;
      off += n;
      len -= n;
      if (used == GROUP) {
        line(GROUP);
      }
    }
  }

  private void begin() throws IOException {
    if (!started) {
      out.write((Armor.BEGIN + "\n").getBytes(StandardCharsets.US_ASCII));
      started = true;
    }
  }

  private void line(int n) throws IOException {
    byte[] group = n == GROUP ? pending : java.util.Arrays.copyOf(pending, n);
    out.write(Base64.getEncoder().encode(group));
    out.write('\n');
    used = 0;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    begin();
    if (used > 0) {
      line(used);
    }
    out.write((Armor.END + "\n").getBytes(StandardCharsets.US_ASCII));
    closed = true;
    out.close();
  }
}
