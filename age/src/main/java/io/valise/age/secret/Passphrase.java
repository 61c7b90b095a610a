package io.valise.age.secret;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * A passphrase held as characters so that it can be wiped. Prints as {@code [REDACTED]}; compares
 * in constant time.
 */
public final class Passphrase implements Destroyable, AutoCloseable {
  private final char[] chars;
  private volatile boolean destroyed;

  private Passphrase(char[] chars) {
    this.chars = chars;
  }

  /**
   * Takes a copy of {@code chars}; the caller wipes its own array.
   *
   * @throws IllegalArgumentException if empty
   */
  public static Passphrase of(char[] chars) {
    if (chars.length == 0) {
      throw new IllegalArgumentException("Passphrase is empty");
    }
    return new Passphrase(chars.clone());
  }

  /** The UTF-8 bytes, as a new array the caller wipes. */
  public byte[] utf8() {
    if (destroyed) {
      throw new IllegalStateException("Passphrase was destroyed");
    }
    // Encode into a buffer we own, so that the intermediate copy can be wiped; UTF-8 needs at most
    // three bytes per char. REPLACE keeps the old behaviour for lone surrogates ('?').
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    byte[] buf = new byte[Math.multiplyExact(chars.length, 3)];
    ByteBuffer bb = ByteBuffer.wrap(buf);
    encoder.encode(CharBuffer.wrap(chars), bb, true);
    encoder.flush(bb);
    byte[] out = Arrays.copyOf(buf, bb.position());
    Arrays.fill(buf, (byte) 0);
    return out;
  }

  /** Number of characters. */
  public int length() {
    return chars.length;
  }

  @Override
  public void destroy() {
    Arrays.fill(chars, '\0');
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public void close() {
    destroy();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Passphrase p)) {
      return false;
    }
    byte[] a = utf8();
    byte[] b = p.utf8();
    try {
      return MessageDigest.isEqual(a, b);
    } finally {
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "[REDACTED]";
  }
}
