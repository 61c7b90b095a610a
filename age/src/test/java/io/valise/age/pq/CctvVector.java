package io.valise.age.pq;

import io.valise.age.Stanza;
import io.valise.age.format.Base64s;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Just enough of a C2SP CCTV age vector for recipient tests: the {@code key: value} header and the
 * stanzas of the age header. Not a conforming header parser: it trusts the line structure and only
 * decodes what the stanza tests need (the full parser lives with the header code).
 */
final class CctvVector {
  private static final String STANZA_PREFIX = "-> ";

  private final String name;
  private final List<String[]> fields;
  private final String ageHeader;

  private CctvVector(String name, List<String[]> fields, String ageHeader) {
    this.name = name;
    this.fields = fields;
    this.ageHeader = ageHeader;
  }

  static CctvVector read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int split = indexOf(bytes, "\n\n".getBytes(StandardCharsets.US_ASCII));
    if (split < 0) {
      throw new IOException("No empty line after the vector header in " + file);
    }
    String header = new String(bytes, 0, split, StandardCharsets.UTF_8);
    List<String[]> fields = new ArrayList<>();
    for (String line : header.lines().toList()) {
      int colon = line.indexOf(": ");
      fields.add(new String[] {line.substring(0, colon), line.substring(colon + 2)});
    }
    byte[] age = Arrays.copyOfRange(bytes, split + 2, bytes.length);
    CctvVector v = new CctvVector(file.getFileName().toString(), fields, "");
    if ("zlib".equals(v.field("compressed"))) {
      age = inflate(age);
    }
    // The header is text up to and including the "---" line; the payload after it is binary.
    String text = new String(age, StandardCharsets.ISO_8859_1);
    int mac = text.indexOf("\n---");
    return new CctvVector(v.name, fields, mac < 0 ? text : text.substring(0, mac + 1));
  }

  String name() {
    return name;
  }

  /** The first value of {@code key}, or the empty string. */
  String field(String key) {
    return values(key).stream().findFirst().orElse("");
  }

  List<String> values(String key) {
    return fields.stream().filter(f -> f[0].equals(key)).map(f -> f[1]).toList();
  }

  /**
   * The stanzas: each {@code -> } line and the base64 body lines that follow it up to the first
   * line shorter than 64 columns.
   *
   * @throws IllegalArgumentException if a body is not canonical base64
   */
  List<Stanza> stanzas() {
    List<Stanza> stanzas = new ArrayList<>();
    List<String> lines = ageHeader.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith(STANZA_PREFIX)) {
        continue;
      }
      List<String> args = List.of(lines.get(i).substring(STANZA_PREFIX.length()).split(" ", -1));
      StringBuilder body = new StringBuilder();
      String line;
      do {
        line = lines.get(++i);
        body.append(line);
      } while (line.length() == 64);
      stanzas.add(new Stanza(args, Base64s.decode(body.toString())));
    }
    return stanzas;
  }

  private static byte[] inflate(byte[] data) throws IOException {
    Inflater inflater = new Inflater();
    inflater.setInput(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && inflater.needsInput()) {
          throw new IOException("Truncated zlib data");
        }
        out.write(buffer, 0, n);
      }
    } catch (DataFormatException e) {
      throw new IOException("Bad zlib data", e);
    } finally {
      inflater.end();
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
