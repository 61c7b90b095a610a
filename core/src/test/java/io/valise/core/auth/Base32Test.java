package io.valise.core.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {
  /** RFC 4648 section 10, with the padding removed. */
  @ParameterizedTest
  @CsvSource({
    "'',''",
    "f,MY",
    "fo,MZXQ",
    "foo,MZXW6",
    "foob,MZXW6YQ",
    "fooba,MZXW6YTB",
    "foobar,MZXW6YTBOI"
  })
  void rfc4648Vectors(String plain, String encoded) {
    assertEquals(encoded, Base32.encode(plain.getBytes(US_ASCII)));
    assertArrayEquals(plain.getBytes(US_ASCII), Base32.decode(encoded, "test"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"my", "MY==", "M", "MZX", "MZXW6Y", "MZ", "MZXW6YTB1", "MZXW 6"})
  void rejectsNonCanonical(String text) {
    assertThrows(AuthFormatException.class, () -> Base32.decode(text, "test"));
  }

  @Test
  void roundTripsRandomBytes() {
    long seed = 20260101L;
    Random random = new Random(seed);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = new byte[random.nextInt(70)];
      random.nextBytes(bytes);
      assertArrayEquals(
          bytes, Base32.decode(Base32.encode(bytes), "test"), "seed " + seed + " case " + i);
    }
  }
}
