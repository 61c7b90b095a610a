package io.valise.age.cctv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One file of the age test kit: a text header of {@code key: value} lines, an empty line, then the
 * age file (zlib-compressed when {@code compressed: zlib}). Unknown keys are ignored.
 */
@SuppressWarnings("ArrayRecordComponent") // a read-only test fixture
record Vector(
    String name,
    String expect,
    Optional<String> payloadSha256,
    Optional<byte[]> fileKey,
    List<String> identities,
    List<String> passphrases,
    boolean armored,
    byte[] file) {

  static Vector read(Path path) throws IOException {
    byte[] all = Files.readAllBytes(path);
    int i = 0;
    String expect = null;
    String payload = null;
    byte[] fileKey = null;
    boolean armored = false;
    boolean zlib = false;
    List<String> ids = new ArrayList<>();
    List<String> pws = new ArrayList<>();
    while (true) {
      int nl = indexOf(all, (byte) '\n', i);
      if (nl < 0) {
        throw new IOException(path + ": no blank line ends the vector header");
      }
      String line = new String(all, i, nl - i, StandardCharsets.UTF_8);
      i = nl + 1;
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(": ");
      String key = line.substring(0, colon);
      String value = line.substring(colon + 2);
      switch (key) {
        case "expect" -> expect = value;
        case "payload" -> payload = value;
        case "file key" -> fileKey = HexFormat.of().parseHex(value);
        case "identity" -> ids.add(value);
        case "passphrase" -> pws.add(value);
        case "armored" -> armored = value.equals("yes");
        case "compressed" -> zlib = value.equals("zlib");
        default -> {}
      }
    }
    if (expect == null) {
      throw new IOException(path + ": no expect line");
    }
    byte[] body = java.util.Arrays.copyOfRange(all, i, all.length);
    if (zlib) {
      body = inflate(body);
    }
    return new Vector(
        path.getFileName().toString(),
        expect,
        Optional.ofNullable(payload),
        Optional.ofNullable(fileKey),
        List.copyOf(ids),
        List.copyOf(pws),
        armored,
        body);
  }

  private static int indexOf(byte[] a, byte b, int from) {
    for (int j = from; j < a.length; j++) {
      if (a[j] == b) {
        return j;
      }
    }
    return -1;
  }

  private static byte[] inflate(byte[] data) throws IOException {
    Inflater inf = new Inflater();
    inf.setInput(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    try {
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new IOException("truncated zlib data");
        }
        out.write(buf, 0, n);
      }
    } catch (DataFormatException e) {
      throw new IOException(e);
    } finally {
      inf.end();
    }
    return out.toByteArray();
  }
}
