package io.valise.age.armor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.age.ArmorException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Armor round trips and the encoder's exact output. */
class ArmorTest {
  private static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----\n";
  private static final String END = "-----END AGE ENCRYPTED FILE-----\n";

  static byte[] data(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  static byte[] armor(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream a = Armor.encoder(out)) {
      a.write(data);
    }
    return out.toByteArray();
  }

  static byte[] dearmor(byte[] text) throws IOException {
    try (InputStream in = Armor.decoder(new ByteArrayInputStream(text))) {
      return in.readAllBytes();
    }
  }

  static String ascii(byte[] b) {
    return new String(b, StandardCharsets.US_ASCII);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Every size from 0 to 200, then the edges of 48-byte groups further out. */
  @Test
  void everySizeRoundTrips() throws IOException {
    for (int n = 0; n <= 200; n++) {
      assertRoundTrip(n);
    }
    for (int groups : new int[] {10, 100, 1000}) {
      for (int n = groups * 48 - 1; n <= groups * 48 + 1; n++) {
        assertRoundTrip(n);
      }
    }
  }

  private static void assertRoundTrip(int n) throws IOException {
    byte[] d = data(n);
    byte[] armored = armor(d);
    assertArrayEquals(d, dearmor(armored), "size " + n);
    // The JDK's MIME encoder at 64 columns is an independent oracle for the layout.
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(d);
    assertEquals(BEGIN + (n == 0 ? "" : body + "\n") + END, ascii(armored), "size " + n);
  }

  @Test
  void byteByByteWritesGiveTheSameOutput() throws IOException {
    byte[] d = data(150);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream a = Armor.encoder(out)) {
      for (byte b : d) {
        a.write(b);
      }
    }
    assertArrayEquals(armor(d), out.toByteArray());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 47, 48, 49, 96, 200})
  void crlfLineEndsAreAccepted(int n) throws IOException {
    byte[] d = data(n);
    assertArrayEquals(d, dearmor(ascii(ascii(armor(d)).replace("\n", "\r\n"))));
  }

  @Test
  void aMissingFinalLineEndIsAccepted() throws IOException {
    byte[] d = data(100);
    String text = ascii(armor(d));
    assertArrayEquals(d, dearmor(ascii(text.substring(0, text.length() - 1))));
  }

  @Test
  void aPaddedFullLastLineIsAccepted() throws IOException {
    // RFC 7468's strict grammar lets the final line hold up to 64 characters with padding.
    byte[] d = data(47);
    String line = Base64.getEncoder().encodeToString(d);
    assertEquals(64, line.length());
    assertArrayEquals(d, dearmor(ascii(BEGIN + line + "\n" + END)));
  }

  @Test
  void aClosedEncoderRefusesWrites() throws IOException {
    OutputStream a = Armor.encoder(new ByteArrayOutputStream());
    a.close();
    a.close();
    assertThrows(IOException.class, () -> a.write(1));
  }

  @Test
  void readingPastTheEndKeepsReturningEof() throws IOException {
    try (InputStream in = Armor.decoder(new ByteArrayInputStream(armor(data(3))))) {
      assertEquals(3, in.readAllBytes().length);
      assertEquals(-1, in.read());
      assertEquals(-1, in.read(new byte[4], 0, 4));
    }
  }

  @Test
  void emptyInputIsRefused() {
    assertThrows(ArmorException.class, () -> dearmor(new byte[0]));
  }
}
