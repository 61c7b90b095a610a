package io.valise.lab.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8ReaderTest {
  private static final String TEXT = "aé€𝄞Œ\r\n".repeat(3000);

  @Test
  void decodesWhateverTheReadSizeEvenOneCharOfASurrogatePairAtATime() throws IOException {
    byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
    for (int size : new int[] {1, 2, 3, 7, 8192, 100_000}) {
      assertEquals(TEXT, readAll(new Utf8Reader(new ByteArrayInputStream(bytes), 0), size));
    }
  }

  @Test
  void givesEveryCharacterBeforeABadSequenceThenItsOffset() throws IOException {
    byte[] good = TEXT.getBytes(StandardCharsets.UTF_8);
    byte[] bad = java.util.Arrays.copyOf(good, good.length + 3);
    bad[good.length] = 'x';
    bad[good.length + 1] = (byte) 0xC3; // é without its second byte
    bad[good.length + 2] = 'y';
    for (int size : new int[] {1, 5, 8192}) {
      Reader r = new Utf8Reader(new ByteArrayInputStream(bad), 1000);
      StringBuilder got = new StringBuilder();
      Utf8Reader.NotUtf8Exception e =
          assertThrows(Utf8Reader.NotUtf8Exception.class, () -> readInto(r, size, got));
      assertEquals(TEXT + "x", got.toString(), "size " + size);
      assertEquals(1000 + good.length + 1, e.offset());
      assertEquals("bytes that are not UTF-8 at byte offset " + e.offset(), e.getMessage());
    }
    // A sequence cut by the end of the input is bad too.
    byte[] cut = java.util.Arrays.copyOf(good, good.length - 3); // "\r\n" and half of Œ
    Utf8Reader.NotUtf8Exception e =
        assertThrows(
            Utf8Reader.NotUtf8Exception.class,
            () -> readAll(new Utf8Reader(new ByteArrayInputStream(cut), 0), 4096));
    assertEquals(good.length - 4, e.offset());
  }

  private static String readAll(Reader r, int size) throws IOException {
    StringBuilder b = new StringBuilder();
    readInto(r, size, b);
    return b.toString();
  }

  private static void readInto(Reader r, int size, StringBuilder out) throws IOException {
    char[] buf = new char[size];
    for (int n = r.read(buf, 0, size); n >= 0; n = r.read(buf, 0, size)) {
      out.append(buf, 0, n);
    }
  }
}
