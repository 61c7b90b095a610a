package io.valise.lab.record;

import java.util.Optional;

/** The columns of a lab results CSV file, in the order Valise writes them (see docs/lab.md). */
public enum Column {
  NIR("nir"),
  NIR_OID("nir_oid"),
  BIRTH_NAME("birth_name"),
  FIRST_NAMES("first_names"),
  SEX("sex"),
  BIRTH_DATE("birth_date"),
  ADDRESS("address"),
  POSTCODE("postcode"),
  COMMUNE("commune"),
  DEPARTMENT("department"),
  PHONE("phone"),
  EMAIL("email"),
  SAMPLED_AT("sampled_at"),
  RESULTED_AT("resulted_at"),
  LAB_FINESS("lab_finess"),
  PRESCRIBER_RPPS("prescriber_rpps"),
  LOINC("loinc"),
  RESULT("result");

  private final String header;

  Column(String header) {
    this.header = header;
  }

  /** The name in the header line. */
  public String header() {
    return header;
  }

  /** The column named {@code header}, exactly (lower case). */
  public static Optional<Column> ofHeader(String header) {
    for (Column c : values()) {
      if (c.header.equals(header)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
