package io.valise.age.armor;

import io.valise.age.ArmorException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Decodes one armored block line by line, in constant memory. Trailing content after the end line
 * is checked when the reader reaches the end, so a consumer that reads to EOF sees every error.
 */
final class ArmorInputStream extends InputStream {
  private final InputStream in;
  private byte[] decoded = new byte[0];
  private int pos;
  private boolean begun;
  private boolean ended;
  private boolean lastLineSeen;

  ArmorInputStream(InputStream in) {
    this.in = in.markSupported() ? in : new BufferedInputStream(in);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    while (pos == decoded.length) {
      if (ended || !nextLine()) {
        return -1;
      }
    }
    int n = Math.min(len, decoded.length - pos);
    System.arraycopy(decoded, pos, b, off, n);
    pos += n;
    return n;
  }

  /** Decodes the next line into {@code decoded}; false at the end of the block. */
  private boolean nextLine() throws IOException {
    if (!begun) {
      skipLeadingSpace();
      expect(readLine(), Armor.BEGIN, "begin line");
      begun = true;
    }
    String line = readLine();
    if (line.equals(Armor.END)) {
      checkTrailing();
      ended = true;
      return false;
    }
    if (lastLineSeen) {
      throw new ArmorException("Armor has data after its short last line");
    }
    if (line.isEmpty() || line.length() > Armor.COLUMNS || line.length() % 4 != 0) {
      throw new ArmorException("Armor line of length [%d] is malformed".formatted(line.length()));
    }
    if (line.length() < Armor.COLUMNS || line.endsWith("=")) {
      lastLineSeen = true;
    }
    decoded = decode(line);
    pos = 0;
    return true;
  }

  private static byte[] decode(String line) throws ArmorException {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || (c == '=' && i >= line.length() - 2);
      if (!ok) {
        throw new ArmorException("Armor character [0x%02x] not allowed".formatted((int) c));
      }
    }
    byte[] data;
    try {
      data = Base64.getDecoder().decode(line);
    } catch (IllegalArgumentException e) {
      throw new ArmorException("Armor base64 is malformed: " + e.getMessage(), e);
    }
    if (!Base64.getEncoder().encodeToString(data).equals(line)) {
      throw new ArmorException("Armor base64 is not canonical");
    }
    return data;
  }

  private void skipLeadingSpace() throws IOException {
    in.mark(1);
    int b;
    while ((b = in.read()) >= 0 && Armor.isSpace(b)) {
      in.mark(1);
    }
    if (b >= 0) {
      in.reset();
    }
  }

  private void checkTrailing() throws IOException {
    int b;
    while ((b = in.read()) >= 0) {
      if (!Armor.isSpace(b)) {
        throw new ArmorException("Armor is followed by data other than whitespace");
      }
    }
  }

  private static void expect(String got, String want, String what) throws ArmorException {
    if (!got.equals(want)) {
      throw new ArmorException("Armor %s is not [%s]".formatted(what, want));
    }
  }

  /** Reads a line ending in LF or CRLF (or at EOF only after the end line), without the end. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(Armor.COLUMNS + 2);
    while (true) {
      int b = in.read();
      if (b < 0) {
        String s = line.toString(StandardCharsets.US_ASCII);
        if (s.equals(Armor.END)) {
          return s;
        }
        throw new ArmorException("Armor is truncated: no end line");
      }
      if (b == '\n') {
        byte[] l = line.toByteArray();
        int n = l.length > 0 && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
        return new String(l, 0, n, StandardCharsets.US_ASCII);
      }
      if (line.size() > Armor.COLUMNS + 1) {
        throw new ArmorException("Armor line is longer than [%d] columns".formatted(Armor.COLUMNS));
      }
      line.write(b);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
