package io.valise.age.armor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;

/**
 * Entry points for ASCII armor (age.md, "ASCII armor"). Decoding is strict: canonical padded base64
 * in 64-column lines, LF or CRLF line ends, whitespace allowed only before and after the block;
 * anything else is an {@link io.valise.age.ArmorException}.
 */
public final class Armor {
  static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
  static final String END = "-----END AGE ENCRYPTED FILE-----";
  static final int COLUMNS = 64;
  private static final String PEM_BEGIN = "-----BEGIN";

  private Armor() {}

  /** Wraps {@code out}: bytes written are armored; {@code close()} writes the end line. */
  public static OutputStream encoder(OutputStream out) {
    return new ArmorOutputStream(out);
  }

  /** Wraps {@code in}, which must hold one armored file, and yields its binary content. */
  public static InputStream decoder(InputStream in) {
    return new ArmorInputStream(in);
  }

  /**
   * Tells whether {@code in} starts (after optional whitespace) with a PEM begin line, without
   * consuming anything: {@code in} must push back at least 64 bytes. Also true when whitespace
   * fills the 64 bytes up to at most the start of a begin line, because the decoder skips any
   * amount of leading whitespace: the decoder then decides.
   */
  public static boolean isArmored(PushbackInputStream in) throws IOException {
    byte[] buf = new byte[COLUMNS];
    int n = in.readNBytes(buf, 0, buf.length);
    in.unread(buf, 0, n);
    int i = 0;
    while (i < n && isSpace(buf[i])) {
      i++;
    }
    String start = new String(buf, i, n - i, java.nio.charset.StandardCharsets.US_ASCII);
    return start.startsWith(PEM_BEGIN) || (n == buf.length && PEM_BEGIN.startsWith(start));
  }

  static boolean isSpace(int b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }
}
