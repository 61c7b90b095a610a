package io.valise.lab.ident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NirTest {
  /** Published worked examples (see Nir's sources): number and the key the source gives. */
  @ParameterizedTest
  @CsvSource({
    "2 62 08 75 032 039 77", // trabucaire.free.fr
    "1 89 12 75 125 012 82", // mathweb.fr
    "2 06 12 75 111 005 64", // lbcd78.fr
  })
  void acceptsPublishedExamples(String printed) {
    Nir nir = Nir.parse(printed).orThrow();
    assertEquals(printed.replace(" ", ""), nir.value());
  }

  @Test
  void readsTheFieldsOfTheNumber() {
    Nir nir = Nir.parse("262087503203977").orThrow();
    assertFalse(nir.male());
    assertFalse(nir.temporary());
    assertEquals(62, nir.birthYearDigits());
    assertEquals(OptionalInt.of(8), nir.birthMonth());
    assertEquals("75", nir.birthDepartment());
    assertFalse(nir.bornAbroad());
  }

  @Test
  void rejectsAWrongKey() {
    Checked<Nir> r = Nir.parse("262087503203978");
    assertEquals("NIR key does not match the number", reason(r));
    assertEquals("NIR key must be 01-97", reason(Nir.parse("262087503203900")));
  }

  @Test
  void rejectsATranspositionOfTwoDigits() {
    assertFalse(Nir.parse("262807503203977").isValid());
  }

  @Test
  void corsicaUses19For2AAnd18For2BInTheKey() {
    // 1 85 05 2A 004 123: the key is computed over 1 85 05 19 004 123.
    long asNumber = 1850519004123L;
    String key = String.format(java.util.Locale.ROOT, "%02d", 97 - asNumber % 97);
    Nir nir = Nir.parse("1 85 05 2A 004 123 " + key).orThrow();
    assertEquals("2A", nir.birthDepartment());
    assertEquals("185052A004123" + key, nir.value());
    assertEquals(56, Nir.key("185052A004123"), "independently computed");
    assertEquals(17, Nir.key("285052B033045"));
    assertTrue(Nir.parse("2 85 05 2B 033 045 17").isValid());
    // 2A and 2B give different keys; swapping the letter breaks the key.
    assertFalse(Nir.parse("185052B00412356").isValid());
    // A key computed as if 2A were 20 is wrong.
    int as20 = 97 - new BigInteger("1850520004123").mod(BigInteger.valueOf(97)).intValue();
    assertFalse(Nir.parse("185052A004123" + as20).isValid());
  }

  @Test
  void acceptsCorsica20BeforeTheSplitAndLowerCaseLetters() {
    assertTrue(Nir.parse("185052000412329").isValid());
    assertEquals("185052A00412356", Nir.parse("1 85 05 2a 004 123 56").orThrow().value());
  }

  @ParameterizedTest
  @CsvSource({"7991299350012,42", "3000599134001,26"})
  void acceptsTemporaryNumbers(String body, String key) {
    Nir nir = Nir.parse(body + key).orThrow();
    assertTrue(nir.temporary());
    assertTrue(nir.bornAbroad());
  }

  @Test
  void readsSexFromParity() {
    assertTrue(Nir.parse("799129935001242").orThrow().male());
    assertTrue(Nir.parse("300059913400126").orThrow().male());
    assertFalse(Nir.withKey("4000599134001").male());
    assertFalse(Nir.withKey("8000599134001").male());
  }

  @Test
  void rejectsOtherSexDigits() {
    for (char c : "0569".toCharArray()) {
      String body = c + "620875032039";
      assertEquals(
          "NIR sex digit must be 1 or 2 (3, 4, 7, 8 for temporary numbers)",
          reason(Nir.parse(body + key(body))));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "01,true",
    "12,true",
    "00,false",
    "13,false",
    "19,false",
    "20,true",
    "42,true",
    "43,false",
    "49,false",
    "50,true",
    "99,true"
  })
  void monthRanges(String month, boolean valid) {
    String body = "162" + month + "75032039";
    assertEquals(valid, Nir.parse(body + key(body)).isValid(), month);
  }

  @Test
  void anUnknownMonthHasNoMonth() {
    assertEquals(OptionalInt.empty(), Nir.withKey("1622075032039").birthMonth());
  }

  @Test
  void overseasDepartmentsHaveThreeDigits() {
    Nir reunion = Parse.ok("2852097611123" + "09");
    assertEquals("976", reunion.birthDepartment());
    String bad = "2852097911123";
    assertEquals(
        "NIR overseas department must be 971-978 or 984-988", reason(Nir.parse(bad + key(bad))));
    String nc = "2852098801123";
    assertEquals("988", Nir.parse(nc + key(nc)).orThrow().birthDepartment());
  }

  @Test
  void rejectsDepartment00AndZeroCommuneAndOrder() {
    for (String body : new String[] {"1620800032039", "1620875000039", "1620875032000"}) {
      assertFalse(Nir.parse(body + key(body)).isValid(), body);
    }
  }

  @Test
  void rejectsWrongLengthsAndLetters() {
    assertEquals("NIR is empty", reason(Nir.parse("  ")));
    assertEquals(
        "NIR must have 15 characters (13 and a 2-digit key), not 13",
        reason(Nir.parse("2620875032039")));
    assertFalse(Nir.parse("2620875O3203977").isValid());
    assertFalse(Nir.parse("262087503203A77").isValid());
    assertFalse(Nir.parse("26208_503203977").isValid());
  }

  @Test
  void theReasonNeverRepeatsTheNumber() {
    assertFalse(reason(Nir.parse("262087503203978")).contains("2620875"));
    assertEquals("Nir[redacted]", Nir.parse("262087503203977").orThrow().toString());
  }

  @Test
  void withKeyRefusesBadBodies() {
    assertThrows(IllegalArgumentException.class, () -> Nir.withKey("162087503203"));
    assertThrows(IllegalArgumentException.class, () -> Nir.withKey("5620875032039"));
  }

  private static String key(String body) {
    long n = Long.parseLong(body);
    return String.format(java.util.Locale.ROOT, "%02d", 97 - n % 97);
  }

  private static String reason(Checked<?> c) {
    return assertInstanceOf(Checked.Invalid.class, c).reason();
  }

  private static final class Parse {
    static Nir ok(String s) {
      return Nir.parse(s).orThrow();
    }
  }
}
