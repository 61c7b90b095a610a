package io.valise.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Argon2idTest {
  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }

  /** RFC 9106 section 5.3, the argon2id test vector (version 0x13). */
  @Test
  void rfc9106Section5_3() {
    byte[] tag =
        Argon2id.derive(
            filled(32, 0x01), filled(16, 0x02), filled(8, 0x03), filled(12, 0x04), 32, 3, 4, 32);
    assertEquals(
        "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659",
        HexFormat.of().formatHex(tag));
  }
}
