package io.valise.age.armor;

import static io.valise.age.armor.ArmorTest.armor;
import static io.valise.age.armor.ArmorTest.ascii;
import static io.valise.age.armor.ArmorTest.data;
import static io.valise.age.armor.ArmorTest.dearmor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.valise.age.ArmorException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Truncations, bit flips and stray whitespace in armored text. */
class ArmorTamperTest {

  /**
   * Every cut is refused, except dropping the very last LF: an end line at EOF is valid armor (the
   * age test kit's armor_no_eol).
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 48, 100})
  void everyTruncationIsRefused(int n) throws IOException {
    byte[] armored = armor(data(n));
    for (int len = 0; len < armored.length - 1; len++) {
      byte[] cut = Arrays.copyOf(armored, len);
      assertThrows(ArmorException.class, () -> dearmor(cut), "cut to " + len + " bytes");
    }
  }

  /**
   * Armor carries no integrity check, so a flip that lands on another base64 letter legitimately
   * decodes to other bytes; that is the age header's and payload's job to catch. What must never
   * happen is a changed text that decodes to the same bytes: canonical base64 is one-to-one, so any
   * such acceptance means the decoder ignored part of its input (padding, trailing bits, a stray
   * character).
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 48, 50, 100})
  void everyBitFlipIsRefusedOrChangesTheData(int n) throws IOException {
    byte[] d = data(n);
    byte[] armored = armor(d);
    for (int bit = 0; bit < armored.length * 8; bit++) {
      byte[] flipped = armored.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      byte[] out;
      try {
        out = dearmor(flipped);
      } catch (ArmorException e) {
        continue;
      }
      if (Arrays.equals(d, out)) {
        fail("flip of bit " + bit + " accepted with the same data");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", " ", "\t", "\n\r \t\n"})
  void whitespaceBeforeAndAfterIsAccepted(String ws) throws IOException {
    byte[] d = data(70);
    String text = ascii(armor(d));
    assertArrayEquals(d, dearmor(ascii(ws + text + ws)));
    assertArrayEquals(d, dearmor(ascii(ws + text)));
    assertArrayEquals(d, dearmor(ascii(text + ws)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "\u0000", "\u000b", "\u000c", "-----"})
  void anythingElseBeforeOrAfterIsRefused(String junk) throws IOException {
    String text = ascii(armor(data(70)));
    assertThrows(ArmorException.class, () -> dearmor(ascii(junk + text)));
    assertThrows(ArmorException.class, () -> dearmor(ascii(text + junk)));
  }

  /** Whitespace inside the block: an indented, space-ended or blank line. */
  @ParameterizedTest
  @ValueSource(strings = {" ", "\t", "\n", "\r\n"})
  void whitespaceInsideIsRefused(String ws) throws IOException {
    String text = ascii(armor(data(70)));
    int secondLine = text.indexOf('\n') + 1;
    int thirdLine = text.indexOf('\n', secondLine) + 1;
    for (int at : new int[] {secondLine, thirdLine - 1, thirdLine}) {
      String bad = text.substring(0, at) + ws + text.substring(at);
      assertThrows(ArmorException.class, () -> dearmor(ascii(bad)), "at " + at);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-----begin age encrypted file-----",
        "-----BEGIN PGP MESSAGE-----",
        "----BEGIN AGE ENCRYPTED FILE-----",
        "-----BEGIN AGE ENCRYPTED FILE----- ",
        "-----BEGIN AGE ENCRYPTED FILE-----\nVersion: 1\n",
      })
  void anotherBeginLineIsRefused(String begin) throws IOException {
    String text = ascii(armor(data(10))).replace("-----BEGIN AGE ENCRYPTED FILE-----", begin);
    assertThrows(ArmorException.class, () -> dearmor(ascii(text)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-----end age encrypted file-----",
        "-----END PGP MESSAGE-----",
        "-----END AGE ENCRYPTED FILE----",
        "-----END AGE ENCRYPTED FILE----- ",
      })
  void anotherEndLineIsRefused(String end) throws IOException {
    String text = ascii(armor(data(10))).replace("-----END AGE ENCRYPTED FILE-----", end);
    assertThrows(ArmorException.class, () -> dearmor(ascii(text)));
  }
}
