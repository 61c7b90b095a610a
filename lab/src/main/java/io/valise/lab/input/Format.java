package io.valise.lab.input;

import java.util.Locale;

/** The input formats {@code valise lab send} reads. */
public enum Format {
  /** The CSV file documented in docs/lab.md ("Input file"). */
  CSV,
  /** HL7 version 2.5 ORU^R01 messages. */
  HL7V2,
  /** FHIR R4 Bundles (JSON) with Patient, Observation and DiagnosticReport. */
  FHIR;

  /**
   * The format named on the command line: {@code csv}, {@code hl7v2} or {@code fhir}.
   *
   * @throws IllegalArgumentException naming the accepted names
   */
  public static Format parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "csv" -> CSV;
      case "hl7v2", "hl7" -> HL7V2;
      case "fhir" -> FHIR;
      default ->
          throw new IllegalArgumentException(
              "Unknown input format [" + name + "]: use csv, hl7v2 or fhir");
    };
  }
}
