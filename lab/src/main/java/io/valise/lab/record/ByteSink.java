package io.valise.lab.record;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that text is encoded into (UTF-8) without an intermediate string: the
 * output of a batch of records is built here on a worker thread and written to its file in one
 * call. Not thread-safe. {@link #clear()} wipes what it held (records hold personal data).
 */
public final class ByteSink {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int len;

  public ByteSink(int capacity) {
    this.buf = new byte[Math.max(16, capacity)];
  }

  /** The number of bytes held. */
  public int length() {
    return len;
  }

  /**
   * The internal array, valid up to {@link #length()}: for handing the bytes to a digest without a
   * copy. It changes when the sink grows.
   */
  public byte[] buffer() {
    return buf;
  }

  /** Keeps the first {@code n} bytes and wipes the rest. */
  public void truncate(int n) {
    if (n < 0 || n > len) {
      throw new IndexOutOfBoundsException(n);
    }
    Arrays.fill(buf, n, len, (byte) 0);
    len = n;
  }

  /** Appends one byte. */
  public ByteSink append(byte b) {
    ensure(1);
    buf[len++] = b;
    return this;
  }

  /** Appends {@code n} bytes of {@code b} from {@code off}. */
  public ByteSink append(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  /** Appends all of {@code b}. */
  public ByteSink append(byte[] b) {
    return append(b, 0, b.length);
  }

  /**
   * Appends {@code s} in UTF-8 (an unpaired surrogate becomes {@code ?}, as in String.getBytes).
   */
  public ByteSink append(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return append(s.substring(i).getBytes(StandardCharsets.UTF_8));
      }
      buf[len++] = (byte) c;
    }
    return this;
  }

  /**
   * Appends {@code s} if it is a CSV field that needs no quotes and is ASCII (no comma, quote, line
   * break, character above U+007F, nor a space at either end) and returns true; else appends
   * nothing and returns false.
   */
  public boolean appendPlain(String s) {
    int n = s.length();
    if (n > 0 && (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ')) {
      return false;
    }
    ensure(n);
    int k = len;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == ',' || c == '"' || c == '\r' || c == '\n') {
        Arrays.fill(buf, len, k, (byte) 0);
        return false;
      }
      buf[k++] = (byte) c;
    }
    len = k;
    return true;
  }

  /** Appends {@code n} bytes of {@code b} from {@code off} as lower-case hex digits. */
  public ByteSink appendHex(byte[] b, int off, int n) {
    ensure(2 * n);
    int k = len;
    for (int i = off; i < off + n; i++) {
      buf[k] = HEX[(b[i] >> 4) & 0xf];
      buf[k + 1] = HEX[b[i] & 0xf];
      k += 2;
    }
    len = k;
    return this;
  }

  /** Appends {@code v} in decimal. */
  public ByteSink append(long v) {
    return append(Long.toString(v));
  }

  /** Writes what is held to {@code out}. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(buf, 0, len);
  }

  /** The bytes held, as a new array. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** Wipes and empties the buffer, keeping its capacity. */
  public void clear() {
    Arrays.fill(buf, 0, len, (byte) 0);
    len = 0;
  }

  private void ensure(int more) {
    int need = Math.addExact(len, more);
    if (need > buf.length) {
      byte[] bigger = Arrays.copyOf(buf, Math.max(need, Math.multiplyExact(buf.length, 2)));
      Arrays.fill(buf, (byte) 0);
      buf = bigger;
    }
  }
}
