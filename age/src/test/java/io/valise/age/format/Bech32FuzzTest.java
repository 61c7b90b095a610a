package io.valise.age.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Fuzz target for Bech32, the encoding of every key a user pastes. Bytes are read as UTF-8 so that
 * the fuzzer also tries non-ASCII text. Seeds in {@code Bech32FuzzTestInputs/decode/}: the age.md
 * example identity and recipient, and strings from the BIP 173 test vectors.
 */
class Bech32FuzzTest {

  /**
   * A string either fails with {@link IllegalArgumentException} or is exactly the encoding of what
   * it decodes to, in lower or upper case: nothing else may decode to the same key.
   */
  @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
  @FuzzTest(maxDuration = "5m")
  void decode(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Bech32.Decoded d;
    try {
      d = Bech32.decode(text);
    } catch (IllegalArgumentException e) {
      return;
    }
    String lower = Bech32.encode(d.hrp(), d.data());
    assertTrue(
        lower.equals(text) || lower.toUpperCase(Locale.ROOT).equals(text),
        () -> "decoded [" + text + "] re-encodes to [" + lower + "]");
  }
}
