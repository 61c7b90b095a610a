package io.valise.lab.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.lab.record.Column;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldTest {
  @ParameterizedTest
  @CsvSource({
    "2020-10-12,2020-10-12,0-9",
    "2010-10-13,2020-10-12,0-9",
    "2010-10-12,2020-10-12,10-19",
    "1962-08-14,2020-10-12,50-59",
    "1930-10-12,2020-10-12,90-99",
    "1920-10-12,2020-10-12,100+",
    "2000-02-29,2020-02-28,10-19",
    "2000-02-29,2020-02-29,20-29",
  })
  void ageBandsAreTenYearsOfWholeYears(String birth, String on, String band) {
    assertEquals(band, Field.ageBand(LocalDate.parse(birth), LocalDate.parse(on)));
  }

  @org.junit.jupiter.api.Test
  void aBirthAfterTheDateIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Field.ageBand(LocalDate.parse("2021-01-01"), LocalDate.parse("2020-01-01")));
  }

  @ParameterizedTest
  @CsvSource({
    "2020-10-12,2020-W42",
    "2020-12-31,2020-W53",
    "2021-01-03,2020-W53",
    "2021-01-04,2021-W01"
  })
  void weeksAreIso(String date, String week) {
    assertEquals(week, Field.week(LocalDate.parse(date)));
  }

  @org.junit.jupiter.api.Test
  void everyInputColumnIsAFieldOfTheSameName() {
    for (Column c : Column.values()) {
      assertEquals(c.header(), Field.valueOf(c.name()).header());
    }
  }
}
