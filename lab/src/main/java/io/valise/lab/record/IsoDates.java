package io.valise.lab.record;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@link LocalDate#parse(CharSequence)} and {@link OffsetDateTime#parse(CharSequence)} with a fast
 * path for the one shape lab files hold ({@code 2020-10-12} and {@code 2020-10-12T08:15:00+02:00}):
 * digits read in place and the values built with {@code of}, which checks the same ranges. Anything
 * else, and any value {@code of} refuses, goes to the JDK's parser, so the results and exceptions
 * are exactly its own. Two date-time parses per record through {@code DateTimeFormatter} cost more
 * than the rest of validation.
 */
public final class IsoDates {
  private IsoDates() {}

  /**
   * As {@link LocalDate#parse(CharSequence)}.
   *
   * @throws java.time.format.DateTimeParseException as it does
   */
  public static LocalDate date(String s) {
    if (s.length() == 10 && dateShape(s)) {
      try {
        return LocalDate.of(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
      } catch (DateTimeException e) {
        // out of range: the parser says so in its own words
      }
    }
    return LocalDate.parse(s);
  }

  /**
   * As {@link OffsetDateTime#parse(CharSequence)}.
   *
   * @throws java.time.format.DateTimeParseException as it does
   */
  public static OffsetDateTime offsetDateTime(String s) {
    if (s.length() == 25 && dateShape(s) && timeShape(s)) {
      try {
        int sign = s.charAt(19) == '-' ? -1 : 1;
        return OffsetDateTime.of(
            LocalDate.of(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2)),
            LocalTime.of(digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2)),
            ZoneOffset.ofHoursMinutes(sign * digits(s, 20, 2), sign * digits(s, 23, 2)));
      } catch (DateTimeException e) {
        // out of range: the parser says so in its own words
      }
    }
    return OffsetDateTime.parse(s);
  }

  /** {@code dddd-dd-dd} at the start. */
  private static boolean dateShape(String s) {
    return digitsAt(s, 0, 4)
        && s.charAt(4) == '-'
        && digitsAt(s, 5, 2)
        && s.charAt(7) == '-'
        && digitsAt(s, 8, 2);
  }

  /** {@code Tdd:dd:dd+dd:dd} (or {@code -}) after the date. */
  private static boolean timeShape(String s) {
    char sign = s.charAt(19);
    return s.charAt(10) == 'T'
        && digitsAt(s, 11, 2)
        && s.charAt(13) == ':'
        && digitsAt(s, 14, 2)
        && s.charAt(16) == ':'
        && digitsAt(s, 17, 2)
        && (sign == '+' || sign == '-')
        && digitsAt(s, 20, 2)
        && s.charAt(22) == ':'
        && digitsAt(s, 23, 2);
  }

  private static boolean digitsAt(String s, int from, int n) {
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }
}
