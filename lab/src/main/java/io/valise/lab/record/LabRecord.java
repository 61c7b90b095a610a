package io.valise.lab.record;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One lab test result as the file gives it: text fields, not yet validated (see {@link
 * RecordValidator}). {@code row} is the line of the file where the record starts (the header is
 * line 1), or 0 for a record that does not come from a file.
 *
 * <p>{@link #toString()} is redacted: records hold personal data.
 */
public record LabRecord(
    long row,
    String nir,
    String nirOid,
    String birthName,
    String firstNames,
    String sex,
    String birthDate,
    String address,
    String postcode,
    String commune,
    String department,
    String phone,
    String email,
    String sampledAt,
    String resultedAt,
    String labFiness,
    String prescriberRpps,
    String loinc,
    String result) {

  /** The value of {@code column}. */
  public String get(Column column) {
    return switch (column) {
      case NIR -> nir;
      case NIR_OID -> nirOid;
      case BIRTH_NAME -> birthName;
      case FIRST_NAMES -> firstNames;
      case SEX -> sex;
      case BIRTH_DATE -> birthDate;
      case ADDRESS -> address;
      case POSTCODE -> postcode;
      case COMMUNE -> commune;
      case DEPARTMENT -> department;
      case PHONE -> phone;
      case EMAIL -> email;
      case SAMPLED_AT -> sampledAt;
      case RESULTED_AT -> resultedAt;
      case LAB_FINESS -> labFiness;
      case PRESCRIBER_RPPS -> prescriberRpps;
      case LOINC -> loinc;
      case RESULT -> result;
    };
  }

  /** The values in {@link Column} order. */
  public List<String> values() {
    List<String> v = new ArrayList<>(Column.values().length);
    for (Column c : Column.values()) {
      v.add(get(c));
    }
    return v;
  }

  /** A record from a value per column; a missing column is empty. */
  public static LabRecord of(long row, Map<Column, String> values) {
    Map<Column, String> v = new EnumMap<>(values);
    return new LabRecord(
        row,
        v.getOrDefault(Column.NIR, ""),
        v.getOrDefault(Column.NIR_OID, ""),
        v.getOrDefault(Column.BIRTH_NAME, ""),
        v.getOrDefault(Column.FIRST_NAMES, ""),
        v.getOrDefault(Column.SEX, ""),
        v.getOrDefault(Column.BIRTH_DATE, ""),
        v.getOrDefault(Column.ADDRESS, ""),
        v.getOrDefault(Column.POSTCODE, ""),
        v.getOrDefault(Column.COMMUNE, ""),
        v.getOrDefault(Column.DEPARTMENT, ""),
        v.getOrDefault(Column.PHONE, ""),
        v.getOrDefault(Column.EMAIL, ""),
        v.getOrDefault(Column.SAMPLED_AT, ""),
        v.getOrDefault(Column.RESULTED_AT, ""),
        v.getOrDefault(Column.LAB_FINESS, ""),
        v.getOrDefault(Column.PRESCRIBER_RPPS, ""),
        v.getOrDefault(Column.LOINC, ""),
        v.getOrDefault(Column.RESULT, ""));
  }

  /**
   * A record from its values in {@link Column} order ({@code values[c.ordinal()]} is column {@code
   * c}): the fast way for a reader that already placed them.
   */
  public static LabRecord ofColumns(long row, String[] values) {
    if (values.length != Column.values().length) {
      throw new IllegalArgumentException(
          values.length + " values for " + Column.values().length + " columns");
    }
    return new LabRecord(
        row,
        values[0],
        values[1],
        values[2],
        values[3],
        values[4],
        values[5],
        values[6],
        values[7],
        values[8],
        values[9],
        values[10],
        values[11],
        values[12],
        values[13],
        values[14],
        values[15],
        values[16],
        values[17]);
  }

  /** This record with {@code column} set to {@code value} (tests, corrections). */
  public LabRecord with(Column column, String value) {
    Map<Column, String> v = new EnumMap<>(Column.class);
    for (Column c : Column.values()) {
      v.put(c, get(c));
    }
    v.put(column, value);
    return of(row, v);
  }

  @Override
  public String toString() {
    return "LabRecord[row=" + row + ", redacted]";
  }
}
