package io.valise.age.armor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.valise.age.ArmorException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Fuzz target for the armor decoder, which reads pasted and uploaded text. Seeds in {@code
 * ArmorFuzzTestInputs/decode/} were written for it: armored headers and payloads made with this
 * library, the empty block, CRLF, surrounding whitespace, full and padded last lines, and
 * near-misses (no end line, a short line in the middle, a wrong label).
 */
class ArmorFuzzTest {

  /**
   * Reading any byte string to EOF gives {@link ArmorException} or data; data survives re-armoring
   * unchanged, and anything the decoder accepts is recognised by {@link Armor#isArmored}.
   */
  @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
  @FuzzTest(maxDuration = "5m")
  void decode(byte[] data) throws IOException {
    byte[] decoded;
    try {
      decoded = readAll(new ByteArrayInputStream(data));
    } catch (ArmorException e) {
      return;
    }
    ByteArrayOutputStream armored = new ByteArrayOutputStream();
    try (OutputStream out = Armor.encoder(armored)) {
      out.write(decoded);
    }
    assertArrayEquals(decoded, readAll(new ByteArrayInputStream(armored.toByteArray())));
    PushbackInputStream peek = new PushbackInputStream(new ByteArrayInputStream(data), 1024);
    assertTrue(Armor.isArmored(peek), "decodable armor not recognised as armor");
  }

  private static byte[] readAll(InputStream raw) throws IOException {
    try (InputStream in = Armor.decoder(raw)) {
      return in.readAllBytes();
    }
  }
}
