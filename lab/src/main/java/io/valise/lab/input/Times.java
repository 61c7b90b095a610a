package io.valise.lab.input;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts between HL7 v2 time stamps ({@code YYYYMMDDHHMM[SS[.S...]][+/-ZZZZ]}) and the ISO 8601
 * text of the CSV file ({@code 2020-10-12T08:15:00+02:00}). A value that does not have the expected
 * form is returned unchanged (or as far as it can be read, without an offset), so that validation
 * rejects it: no offset is ever guessed.
 */
final class Times {
  private Times() {}

  private static final Pattern TS =
      Pattern.compile(
          "(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?(\\.\\d{1,9})?([+-]\\d{4})?");
  private static final Pattern DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
  private static final DateTimeFormatter HL7 = DateTimeFormatter.ofPattern("yyyyMMddHHmmssxx");
  private static final DateTimeFormatter HL7_FRACTION =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSSSSSxx");

  /** An HL7 v2 TS/DTM with time and offset, as ISO 8601; other values as given. */
  static String hl7ToIso(String ts) {
    String t = ts.trim();
    Matcher m = TS.matcher(t);
    if (!m.matches()) {
      return t;
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
              m.group(7) == null ? 0 : nanos(m.group(7).substring(1)));
      if (m.group(8) == null) {
        return local.toString(); // no offset: validation says so
      }
      ZoneOffset offset = ZoneOffset.of(m.group(8));
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.of(local, offset));
    } catch (java.time.DateTimeException | NumberFormatException e) {
      return t;
    }
  }

  private static int nanos(String digits) {
    StringBuilder b = new StringBuilder(digits);
    while (b.length() < 9) {
      b.append('0');
    }
    return Integer.parseInt(b.toString());
  }

  /** An HL7 v2 date ({@code YYYYMMDD}, more precision ignored) as {@code YYYY-MM-DD}. */
  static String hl7ToDate(String ts) {
    String t = ts.trim();
    if (t.length() >= 8 && DATE.matcher(t.substring(0, 8)).matches()) {
      try {
        return LocalDate.of(
                Integer.parseInt(t.substring(0, 4)),
                Integer.parseInt(t.substring(4, 6)),
                Integer.parseInt(t.substring(6, 8)))
            .toString();
      } catch (java.time.DateTimeException e) {
        return t;
      }
    }
    return t;
  }

  /** An ISO 8601 date and time with offset as an HL7 v2 TS; other values as given. */
  static String isoToHl7(String iso) {
    try {
      OffsetDateTime t = OffsetDateTime.parse(iso.trim());
      return (t.getNano() == 0 ? HL7 : HL7_FRACTION).format(t);
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  /** {@code YYYY-MM-DD} as {@code YYYYMMDD}; other values as given. */
  static String dateToHl7(String date) {
    try {
      return LocalDate.parse(date.trim()).format(DateTimeFormatter.BASIC_ISO_DATE);
    } catch (DateTimeParseException e) {
      return date;
    }
  }

  /** An ISO 8601 date and time (FHIR dateTime or instant) in the CSV form; others as given. */
  static String normalizeIso(String iso) {
    try {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.parse(iso.trim()));
    } catch (DateTimeParseException e) {
      return iso.trim();
    }
  }
}
