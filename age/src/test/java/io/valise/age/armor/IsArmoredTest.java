package io.valise.age.armor;

import static io.valise.age.armor.ArmorTest.armor;
import static io.valise.age.armor.ArmorTest.ascii;
import static io.valise.age.armor.ArmorTest.data;
import static io.valise.age.armor.ArmorTest.dearmor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PushbackInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Armor#isArmored} recognises everything the decoder accepts, with a 64-byte pushback. */
class IsArmoredTest {

  private static boolean isArmored(byte[] text) throws IOException {
    PushbackInputStream in = new PushbackInputStream(new ByteArrayInputStream(text), 64);
    boolean armored = Armor.isArmored(in);
    assertArrayEquals(text, in.readAllBytes(), "isArmored consumed input");
    return armored;
  }

  /**
   * The decoder skips any amount of leading whitespace, but isArmored only sees 64 bytes; it used
   * to answer false once the whitespace hid the begin line, so a valid armored file was then read
   * as binary and refused. Found by ArmorFuzzTest (input leading_whitespace_past_peek_window).
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 29, 30, 31, 63, 64, 65, 200})
  void leadingWhitespaceOfAnyLengthIsRecognised(int spaces) throws IOException {
    byte[] d = data(20);
    byte[] text = ascii("\n".repeat(spaces) + ascii(armor(d)));
    assertArrayEquals(d, dearmor(text));
    assertTrue(isArmored(text), spaces + " bytes of whitespace");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "age-encryption.org/v1\n",
        "   \n",
        "x-----BEGIN AGE ENCRYPTED FILE-----\n",
      })
  void otherInputIsNotArmor(String text) throws IOException {
    assertFalse(isArmored(ascii(text)));
  }

  /** Whitespace-only input is not armor; non-armor after whitespace is seen as such. */
  @ParameterizedTest
  @ValueSource(ints = {1, 40, 63})
  void whitespaceThenSomethingElseIsNotArmor(int spaces) throws IOException {
    assertFalse(isArmored(ascii(" ".repeat(spaces))));
    assertFalse(isArmored(ascii(" ".repeat(spaces) + "age-encryption.org/v1\n")));
    assertFalse(isArmored(ascii(" ".repeat(spaces) + "x")));
  }

  /** Any PEM begin line counts, so that a PGP or SSH block gets the decoder's precise error. */
  @ParameterizedTest
  @ValueSource(ints = {0, 40})
  void anyPemBlockIsHandedToTheDecoder(int spaces) throws IOException {
    assertTrue(isArmored(ascii(" ".repeat(spaces) + "-----BEGIN PGP MESSAGE-----\n")));
  }
}
