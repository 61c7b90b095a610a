package io.valise.age.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.age.FileKey;
import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The payload half of the age test kit (C2SP CCTV, {@code ../shared/testdata/cctv-age}): every
 * binary vector that expects {@code success} or {@code payload failure}, decrypted with the file
 * key the vector states, past a header that this test only skips (parsing it is another module's
 * job). One dynamic test per vector, backend and decryptor.
 */
class CctvVectorTest {
  @TestFactory
  Stream<DynamicTest> payloadVectors() throws IOException {
    Path dir = Path.of(System.getProperty("valise.shared", "../../shared"), "testdata/cctv-age");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
    }
    List<DynamicTest> tests = new ArrayList<>();
    int vectors = 0;
    for (Path file : files) {
      Vector v = Vector.read(file);
      if (v.armored() || !(v.expect().equals("success") || v.expect().equals("payload failure"))) {
        continue;
      }
      vectors++;
      for (AeadBackend backend : Backends.all()) {
        for (Decryptor d : Decryptor.values()) {
          String name = "%s %s %s".formatted(file.getFileName(), backend.name(), d);
          tests.add(DynamicTest.dynamicTest(name, () -> check(v, backend, d)));
        }
      }
    }
    // 19 payload failures and 18 unarmored successes in the pinned CCTV commit; a different count
    // means a vector was lost or the set changed without this test being reviewed.
    assertEquals(37, vectors, "payload vectors found in " + dir);
    return tests.stream();
  }

  private static void check(Vector v, AeadBackend backend, Decryptor d) throws Exception {
    FileKey key = FileKey.of(HexFormat.of().parseHex(v.get("file key")));
    byte[] payload = v.payload();
    if (v.expect().equals("success")) {
      byte[] plain = d.decrypt(payload, key, backend, new Random(0));
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain));
      assertEquals(v.get("payload"), sha);
    } else {
      assertThrows(PayloadException.class, () -> d.decrypt(payload, key, backend, new Random(0)));
    }
  }

  /** One vector file: its {@code key: value} header, and the age file after the blank line. */
  private static final class Vector {
    private final Map<String, String> header;
    private final byte[] body;

    private Vector(Map<String, String> header, byte[] body) {
      this.header = header;
      this.body = body;
    }

    static Vector read(Path file) {
      try {
        byte[] all = Files.readAllBytes(file);
        int split = indexOf(all, "\n\n".getBytes(StandardCharsets.US_ASCII), 0) + 2;
        Map<String, String> header = new LinkedHashMap<>();
        new String(all, 0, split, StandardCharsets.UTF_8)
            .lines()
            .forEach(
                line -> {
                  int colon = line.indexOf(": ");
                  if (colon > 0) {
                    header.put(line.substring(0, colon), line.substring(colon + 2));
                  }
                });
        byte[] body = Arrays.copyOfRange(all, split, all.length);
        if ("zlib".equals(header.get("compressed"))) {
          body = new InflaterInputStream(new ByteArrayInputStream(body)).readAllBytes();
        }
        return new Vector(header, body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String get(String key) {
      String value = header.get(key);
      if (value == null) {
        throw new IllegalArgumentException("Vector lacks header " + key);
      }
      return value;
    }

    String expect() {
      return get("expect");
    }

    boolean armored() {
      return "yes".equals(header.get("armored"));
    }

    /** The bytes after the header's MAC line ({@code --- <base64 MAC>\n}). */
    byte[] payload() {
      int mac = indexOf(body, "\n--- ".getBytes(StandardCharsets.US_ASCII), 0);
      int end = indexOf(body, new byte[] {'\n'}, mac + 1);
      return Arrays.copyOfRange(body, end + 1, body.length);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException(
        "Vector lacks " + new String(needle, StandardCharsets.UTF_8));
  }
}
