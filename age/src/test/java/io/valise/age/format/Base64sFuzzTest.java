package io.valise.age.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Fuzz target for the unpadded canonical base64 of header arguments and bodies. Seeds in {@code
 * Base64sFuzzTestInputs/decode/}: every length class, a 43-character MAC, and near-misses (padding,
 * non-zero trailing bits, URL-safe alphabet).
 */
class Base64sFuzzTest {

  /** A string fails with {@link IllegalArgumentException} or re-encodes to itself. */
  @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
  @FuzzTest(maxDuration = "5m")
  void decode(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    byte[] decoded;
    try {
      decoded = Base64s.decode(text);
    } catch (IllegalArgumentException e) {
      return;
    }
    assertEquals(text, Base64s.encode(decoded));
  }
}
