package io.valise.lab.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.lab.geo.Geography;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordValidatorTest {
  private final RecordValidator validator =
      new RecordValidator(Samples.CLOCK, Rules.sarsCov2(), Geography.france());

  @Test
  void theSampleIsValid() {
    assertEquals(List.of(), validator.validate(Samples.valid()));
    assertTrue(RecordValidator.isTestData(Samples.valid()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "NIR|262087503203978|NIR key does not match the number",
        "NIR_OID|1.2.250.1.213.1.4.12|must be an INS OID (1.2.250.1.213.1.4.8 to .11) or empty",
        "BIRTH_NAME|'  '|is empty",
        "FIRST_NAMES|Marie\tClaire|contains control characters (line breaks, tabs)",
        "SEX|X|must be M or F",
        "SEX|M|does not match the NIR's sex digit",
        "BIRTH_DATE|14/08/1962|must be a date like 1985-03-27",
        "COMMUNE|''|is empty",
        "POSTCODE|7500|must be 5 digits",
        "POSTCODE|98000|is not in a French department",
        "POSTCODE|69001|is in department 69, not 75",
        "DEPARTMENT|20|is not a French department code (01-95, 2A, 2B, 971-976)",
        "PHONE|06 39 98 12|must be 10 digits from 0, or + and 8 to 15 digits",
        "PHONE|+33 6 39 98 12 34 56 78 9|must be 10 digits from 0, or + and 8 to 15 digits",
        "EMAIL|marie.dupont@example|is not an email address",
        "SAMPLED_AT|2020-10-12 08:15|must be a time with its offset, like 2020-10-12T08:15:00+02:00",
        "RESULTED_AT|2020-10-12T08:00:00+02:00|is before sampled_at",
        "LAB_FINESS|750712185|FINESS check digit does not match",
        "PRESCRIBER_RPPS|10003456787|RPPS check digit does not match",
        "LOINC|2345-7|is not one of the configured tests",
        "RESULT|POSITIVE|must be one of inconclusive, negative, positive",
      })
  void reportsEachProblemWithItsFieldAndRow(Column field, String value, String reason) {
    LabRecord r = Samples.valid().with(field, value);
    assertEquals(List.of(new Problem(2, field, reason)), validator.validate(r));
  }

  @Test
  void emptyOptionalFieldsAreFine() {
    LabRecord r = Samples.valid();
    for (Column c :
        new Column[] {
          Column.NIR_OID, Column.ADDRESS, Column.PHONE, Column.EMAIL, Column.PRESCRIBER_RPPS
        }) {
      r = r.with(c, "");
    }
    assertEquals(List.of(), validator.validate(r));
    assertFalse(RecordValidator.isTestData(r));
  }

  @Test
  void samplingInTheFutureIsRejectedByTheInjectedClock() {
    LabRecord r = Samples.valid();
    RecordValidator before =
        new RecordValidator(
            Clock.fixed(Instant.parse("2020-10-12T06:00:00Z"), ZoneOffset.UTC),
            Rules.sarsCov2(),
            Geography.france());
    assertEquals(
        List.of(
            new Problem(2, Column.SAMPLED_AT, "is in the future"),
            new Problem(2, Column.RESULTED_AT, "is in the future")),
        before.validate(r));
    RecordValidator after =
        new RecordValidator(
            Clock.fixed(Instant.parse("2020-10-12T06:15:00Z"), ZoneOffset.UTC),
            Rules.sarsCov2(),
            Geography.france());
    assertEquals(
        List.of(new Problem(2, Column.RESULTED_AT, "is in the future")), after.validate(r));
  }

  @Test
  void birthMustComeBeforeSamplingAndMatchTheNir() {
    LabRecord late = Samples.valid().with(Column.BIRTH_DATE, "2020-10-13");
    List<Problem> problems = validator.validate(late);
    assertTrue(problems.contains(new Problem(2, Column.BIRTH_DATE, "is after sampled_at")));
    assertTrue(
        problems.contains(new Problem(2, Column.NIR, "year of birth does not match birth_date")));
    assertEquals(
        List.of(new Problem(2, Column.NIR, "month of birth does not match birth_date")),
        validator.validate(Samples.valid().with(Column.BIRTH_DATE, "1962-09-14")));
  }

  @Test
  void anUnknownNirMonthMatchesAnyBirthMonth() {
    // 2 62 20 75 032 039: month 20, "unknown".
    long body = 2622075032039L;
    String nir = "2622075032039" + String.format(java.util.Locale.ROOT, "%02d", 97 - body % 97);
    LabRecord r = Samples.valid().with(Column.NIR, nir).with(Column.BIRTH_DATE, "1962-03-01");
    assertEquals(List.of(), validator.validate(r));
  }

  @Test
  void corsicaAndOverseasPostcodesMatchTheirDepartments() {
    LabRecord ajaccio =
        Samples.valid().with(Column.POSTCODE, "20090").with(Column.DEPARTMENT, "2A");
    assertEquals(List.of(), validator.validate(ajaccio));
    assertEquals(
        List.of(new Problem(2, Column.POSTCODE, "is in department 2A, not 2B")),
        validator.validate(ajaccio.with(Column.DEPARTMENT, "2B")));
    LabRecord reunion =
        Samples.valid().with(Column.POSTCODE, "97410").with(Column.DEPARTMENT, "974");
    assertEquals(List.of(), validator.validate(reunion));
  }

  @Test
  void listsEveryProblemNotOnlyTheFirst() {
    LabRecord r =
        Samples.valid().with(Column.NIR, "").with(Column.RESULT, "").with(Column.LOINC, "");
    assertEquals(3, validator.validate(r).size());
  }

  @Test
  void theTestSetIsConfigurable() throws IOException {
    Map<String, String> loinc =
        Rules.readLoinc(new StringReader("loinc,name\n# only antigen\n94558-4,Ag\n"));
    RecordValidator antigenOnly =
        new RecordValidator(
            Samples.CLOCK, new Rules(loinc, Set.of("positive")), Geography.france());
    assertEquals(
        List.of(new Problem(2, Column.LOINC, "is not one of the configured tests")),
        antigenOnly.validate(Samples.valid()));
    assertEquals(List.of(), antigenOnly.validate(Samples.valid().with(Column.LOINC, "94558-4")));
  }

  @Test
  void theDefaultSetHoldsPcrAndAntigenCodes() {
    Set<String> codes = Rules.sarsCov2().loinc().keySet();
    assertTrue(codes.containsAll(Set.of("94500-6", "94309-2", "94845-5", "94558-4", "95209-3")));
    assertEquals(5, codes.size());
  }
}
