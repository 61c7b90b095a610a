package io.valise.lab.ident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FinessRppsTest {
  @ParameterizedTest
  @ValueSource(strings = {"750712184", "970421038", "75 071 218 4"})
  void acceptsRealFinessNumbers(String number) {
    Finess f = Finess.parse(number).orThrow();
    assertEquals(number.replace(" ", ""), f.value());
  }

  @Test
  void overseasFinessHasAThreeDigitDepartment() {
    assertEquals("974", Finess.parse("970421038").orThrow().department());
    assertEquals("75", Finess.parse("750712184").orThrow().department());
  }

  @Test
  void rejectsAWrongCheckDigitAndTranspositions() {
    assertEquals("FINESS check digit does not match", reason(Finess.parse("750712185")));
    assertFalse(Finess.parse("570712184").isValid());
  }

  @Test
  void corsicaFinessCarriesTheLetter() {
    Finess a = Finess.withCheckDigit("2A000001");
    assertEquals("2A", a.department());
    assertEquals("2A0000016", a.value(), "2A read as 20: 20000001 has check digit 6");
    assertTrue(Finess.parse("2b0000016").isValid());
    assertFalse(Finess.parse("2A0000017").isValid());
    assertFalse(Finess.parse("2C0000016").isValid());
  }

  @Test
  void rejectsDepartmentsThatDoNotExist() {
    for (String body :
        new String[] {"00000001", "20000001", "96000001", "97070001", "97100001", "98000001"}) {
      String number = body + Luhn.checkDigit(body);
      assertFalse(Finess.parse(number).isValid(), number);
    }
  }

  @Test
  void rejectsWrongLengths() {
    assertEquals("FINESS must have 9 characters, not 8", reason(Finess.parse("75071218")));
    assertEquals("FINESS is empty", reason(Finess.parse("")));
  }

  @Test
  void rppsIsElevenDigitsWithALuhnKey() {
    // 1000345678 + 6: the Luhn digit of the body, computed by hand (doubling from the right).
    assertTrue(Rpps.parse("10003456786").isValid());
    assertEquals("10003456786", Rpps.withCheckDigit("1000345678").value());
    assertEquals("RPPS check digit does not match", reason(Rpps.parse("10003456787")));
    assertEquals("RPPS must have 11 digits, not 10", reason(Rpps.parse("1000345678")));
    assertEquals("RPPS must be digits", reason(Rpps.parse("1000345678A")));
    assertFalse(Rpps.parse("10003456768").isValid(), "adjacent transposition");
  }

  @Test
  void luhnMatchesTheTextbookExample() {
    assertTrue(Luhn.valid("79927398713"));
    assertEquals(3, Luhn.checkDigit("7992739871"));
    assertFalse(Luhn.valid("79927398710"));
  }

  private static String reason(Checked<?> c) {
    return assertInstanceOf(Checked.Invalid.class, c).reason();
  }
}
