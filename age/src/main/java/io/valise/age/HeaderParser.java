package io.valise.age;

import io.valise.age.format.Base64s;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strict parser of the age v1 header (age.md, "Header", ABNF). Reads byte by byte so that it
 * consumes exactly the header and leaves the payload in the stream; callers pass a buffered stream.
 * Bounded: a header past {@link #MAX_HEADER_BYTES} or {@link #MAX_STANZAS} is refused.
 */
final class HeaderParser {
  static final int MAX_HEADER_BYTES = 1 << 20;
  static final int MAX_STANZAS = 4096;
  static final String VERSION_PREFIX = "age-encryption.org/";
  static final String VERSION_LINE = "age-encryption.org/v1";
  private static final int MAX_LINE = 16 * 1024;

  private final InputStream in;
  private final ByteArrayOutputStream raw = new ByteArrayOutputStream(512);

  private HeaderParser(InputStream in) {
    this.in = in;
  }

  static Header parse(InputStream in) throws IOException {
    return new HeaderParser(in).header();
  }

  private Header header() throws IOException {
    String version = line("version line");
    if (!version.equals(VERSION_LINE)) {
      if (version.startsWith(VERSION_PREFIX)) {
        throw new HeaderException("Unsupported age version [%s]".formatted(version));
      }
      throw new HeaderException("Not an age file: missing the age-encryption.org/v1 line");
    }
    List<Stanza> stanzas = new ArrayList<>();
    while (true) {
      String l = line("stanza or MAC line");
      if (l.startsWith("---")) {
        return end(l, stanzas);
      }
      if (!l.startsWith("-> ")) {
        throw new HeaderException("Header line does not start with '-> ' or '---'");
      }
      if (stanzas.size() == MAX_STANZAS) {
        throw new HeaderException("Header has more than [%d] stanzas".formatted(MAX_STANZAS));
      }
      stanzas.add(stanza(l.substring(3)));
    }
  }

  private Header end(String l, List<Stanza> stanzas) throws HeaderException {
    if (stanzas.isEmpty()) {
      throw new HeaderException("Header has no recipient stanza");
    }
    if (!l.startsWith("--- ") || l.length() != 4 + 43) {
      throw new HeaderException("MAC line is malformed");
    }
    byte[] mac = decode(l.substring(4), "header MAC");
    byte[] all = raw.toByteArray();
    // The MAC covers the header up to and including "---", without the space after it.
    int covered = all.length - 1 - 43 - 1;
    return new Header(stanzas, mac, Arrays.copyOf(all, covered));
  }

  private Stanza stanza(String argLine) throws IOException {
    String[] args = argLine.split(" ", -1);
    for (String a : args) {
      if (a.isEmpty()) {
        throw new HeaderException("Stanza has an empty argument");
      }
    }
    StringBuilder body = new StringBuilder();
    while (true) {
      String l = line("stanza body");
      if (l.length() > 64) {
        throw new HeaderException("Stanza body line longer than 64 columns");
      }
      body.append(l);
      if (l.length() < 64) {
        break;
      }
    }
    byte[] decoded = decode(body.toString(), "stanza body");
    try {
      return new Stanza(List.of(args), decoded);
    } catch (IllegalArgumentException e) {
      throw new HeaderException("Bad stanza: " + e.getMessage(), e);
    }
  }

  private static byte[] decode(String text, String what) throws HeaderException {
    try {
      return Base64s.decode(text);
    } catch (IllegalArgumentException e) {
      throw new HeaderException("Bad base64 in %s: %s".formatted(what, e.getMessage()), e);
    }
  }

  /** Reads one LF-terminated line of printable ASCII (and spaces), without the LF. */
  private String line(String what) throws IOException {
    StringBuilder sb = new StringBuilder(80);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (raw.size() == 0) {
          throw new HeaderException("File is empty", new EOFException());
        }
        throw new HeaderException("Header truncated while reading the " + what);
      }
      raw.write(b);
      if (raw.size() > MAX_HEADER_BYTES) {
        throw new HeaderException("Header longer than [%d] bytes".formatted(MAX_HEADER_BYTES));
      }
      if (b == '\n') {
        return sb.toString();
      }
      if (b < 0x20 || b > 0x7e) {
        throw new HeaderException(
            "Header byte [0x%02x] in the %s is not printable ASCII".formatted(b, what));
      }
      if (sb.length() == MAX_LINE) {
        throw new HeaderException("Header line longer than [%d] bytes".formatted(MAX_LINE));
      }
      sb.append((char) b);
    }
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
