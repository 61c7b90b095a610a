package io.valise.lab.record;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/** A valid record and the clock it is valid at. */
final class Samples {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2020-11-01T00:00:00Z"), ZoneOffset.UTC);

  private Samples() {}

  static LabRecord valid() {
    Map<Column, String> v = new EnumMap<>(Column.class);
    v.put(Column.NIR, "262087503203977");
    v.put(Column.NIR_OID, "1.2.250.1.213.1.4.10");
    v.put(Column.BIRTH_NAME, "DUPONT");
    v.put(Column.FIRST_NAMES, "Marie Claire");
    v.put(Column.SEX, "F");
    v.put(Column.BIRTH_DATE, "1962-08-14");
    v.put(Column.ADDRESS, "12, rue de la Paix");
    v.put(Column.POSTCODE, "75002");
    v.put(Column.COMMUNE, "Paris");
    v.put(Column.DEPARTMENT, "75");
    v.put(Column.PHONE, "+33 6 39 98 12 34");
    v.put(Column.EMAIL, "marie.dupont@example.org");
    v.put(Column.SAMPLED_AT, "2020-10-12T08:15:00+02:00");
    v.put(Column.RESULTED_AT, "2020-10-13T10:00:00+02:00");
    v.put(Column.LAB_FINESS, "750712184");
    v.put(Column.PRESCRIBER_RPPS, "10003456786");
    v.put(Column.LOINC, "94500-6");
    v.put(Column.RESULT, "positive");
    return LabRecord.of(2, v);
  }
}
