package io.valise.lab.record;

import io.valise.lab.geo.Department;
import io.valise.lab.geo.Geography;
import io.valise.lab.ident.Checked;
import io.valise.lab.ident.Finess;
import io.valise.lab.ident.InsOid;
import io.valise.lab.ident.Nir;
import io.valise.lab.ident.Rpps;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks one record and lists every problem found (not only the first), each as (row, field,
 * reason). The rules are in docs/lab.md, "Validation". Sampling and result times carry their own
 * UTC offset and are compared with the injected clock's instant; the birth date is a calendar date,
 * compared with the sampling time's date at its own offset.
 */
public final class RecordValidator {
  /** The longest name, address or commune accepted. */
  static final int MAX_TEXT = 200;

  /** The rule {@link #email(String)} implements, for tests. */
  static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

  /** The rule {@link #phone(String)} implements, for tests. */
  static final Pattern PHONE = Pattern.compile("0[1-9][0-9]{8}|\\+[1-9][0-9]{7,14}");

  private final Clock clock;
  private final Rules rules;
  private final Geography geo;

  public RecordValidator(Clock clock, Rules rules, Geography geo) {
    this.clock = clock;
    this.rules = rules;
    this.geo = geo;
  }

  /** Every problem of {@code r}; empty if it may be sent. */
  public List<Problem> validate(LabRecord r) {
    List<Problem> out = new ArrayList<>();
    Sink p = (field, reason) -> out.add(new Problem(r.row(), field, reason));

    @Nullable Nir nir = check(Nir.parse(r.nir()), Column.NIR, p);
    if (!r.nirOid().isEmpty() && InsOid.of(r.nirOid()).isEmpty()) {
      p.add(Column.NIR_OID, "must be an INS OID (1.2.250.1.213.1.4.8 to .11) or empty");
    }
    text(r.birthName(), Column.BIRTH_NAME, true, p);
    text(r.firstNames(), Column.FIRST_NAMES, true, p);

    @Nullable Boolean male =
        switch (r.sex()) {
          case "M" -> true;
          case "F" -> false;
          default -> null;
        };
    if (male == null) {
      p.add(Column.SEX, "must be M or F");
    } else if (nir != null && nir.male() != male) {
      p.add(Column.SEX, "does not match the NIR's sex digit");
    }

    @Nullable LocalDate birth = date(r.birthDate(), p);
    if (birth != null && nir != null) {
      if (birth.getYear() % 100 != nir.birthYearDigits()) {
        p.add(Column.NIR, "year of birth does not match birth_date");
      }
      OptionalInt month = nir.birthMonth();
      if (month.isPresent() && month.getAsInt() != birth.getMonthValue()) {
        p.add(Column.NIR, "month of birth does not match birth_date");
      }
    }

    text(r.address(), Column.ADDRESS, false, p);
    text(r.commune(), Column.COMMUNE, true, p);
    place(r, p);
    if (!r.phone().isEmpty() && !phone(stripPhone(r.phone()))) {
      p.add(Column.PHONE, "must be 10 digits from 0, or + and 8 to 15 digits");
    }
    if (!r.email().isEmpty() && (r.email().length() > MAX_TEXT || !email(r.email()))) {
      p.add(Column.EMAIL, "is not an email address");
    }

    Instant now = clock.instant();
    @Nullable OffsetDateTime sampled = time(r.sampledAt(), Column.SAMPLED_AT, now, p);
    @Nullable OffsetDateTime resulted = time(r.resultedAt(), Column.RESULTED_AT, now, p);
    if (sampled != null && resulted != null && resulted.isBefore(sampled)) {
      p.add(Column.RESULTED_AT, "is before sampled_at");
    }
    if (sampled != null && birth != null && birth.isAfter(sampled.toLocalDate())) {
      p.add(Column.BIRTH_DATE, "is after sampled_at");
    }

    check(Finess.parse(r.labFiness()), Column.LAB_FINESS, p);
    if (!r.prescriberRpps().isEmpty()) {
      check(Rpps.parse(r.prescriberRpps()), Column.PRESCRIBER_RPPS, p);
    }
    if (!rules.loinc().containsKey(r.loinc())) {
      p.add(Column.LOINC, "is not one of the configured tests");
    }
    if (!rules.results().contains(r.result())) {
      p.add(
          Column.RESULT,
          "must be one of " + String.join(", ", rules.results().stream().sorted().toList()));
    }
    return out;
  }

  /** True if the record says it is a test identity (a test INS OID). */
  public static boolean isTestData(LabRecord r) {
    return InsOid.of(r.nirOid()).map(InsOid::test).orElse(false);
  }

  @FunctionalInterface
  private interface Sink {
    void add(Column field, String reason);
  }

  private static <T> @Nullable T check(Checked<T> c, Column field, Sink p) {
    return switch (c) {
      case Checked.Valid<T> v -> v.value();
      case Checked.Invalid<T> i -> {
        p.add(field, i.reason());
        yield null;
      }
    };
  }

  private static void text(String value, Column field, boolean required, Sink p) {
    if (value.isBlank()) {
      if (required) {
        p.add(field, "is empty");
      }
      return;
    }
    if (value.length() > MAX_TEXT) {
      p.add(field, "is longer than " + MAX_TEXT + " characters");
    }
    if (hasControl(value)) {
      p.add(field, "contains control characters (line breaks, tabs)");
    }
  }

  /** As {@link #PHONE} matches, without a matcher per record. */
  static boolean phone(String s) {
    int n = s.length();
    if (n == 10 && s.charAt(0) == '0') {
      return s.charAt(1) != '0' && digits(s, 1);
    }
    return n >= 9 && n <= 16 && s.charAt(0) == '+' && s.charAt(1) != '0' && digits(s, 1);
  }

  private static boolean digits(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * As {@link #EMAIL} matches: one {@code @}; before it at least one character; after it at least
   * two non-empty labels separated by single dots; no white space ({@code \\s}: space, tab, line
   * feed, vertical tab, form feed, carriage return) anywhere.
   */
  static boolean email(String s) {
    int at = s.indexOf('@');
    if (at < 1 || s.indexOf('@', at + 1) >= 0) {
      return false;
    }
    int labels = 0;
    int label = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
        return false;
      }
      if (i > at) {
        if (c == '.') {
          if (label == 0) {
            return false;
          }
          labels++;
          label = 0;
        } else {
          label++;
        }
      }
    }
    return label > 0 && labels >= 1;
  }

  private static boolean hasControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Five ASCII digits, as the pattern {@code [0-9]{5}} matches. */
  private static boolean fiveDigits(String s) {
    if (s.length() != 5) {
      return false;
    }
    for (int i = 0; i < 5; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private void place(LabRecord r, Sink p) {
    boolean fiveDigits = fiveDigits(r.postcode());
    if (!fiveDigits) {
      p.add(Column.POSTCODE, "must be 5 digits");
    }
    Optional<Department> fromPostcode = geo.departmentOfPostcode(r.postcode());
    Optional<Department> dept = geo.department(r.department());
    if (dept.isEmpty()) {
      p.add(Column.DEPARTMENT, "is not a French department code (01-95, 2A, 2B, 971-976)");
    }
    if (fiveDigits && fromPostcode.isEmpty()) {
      p.add(Column.POSTCODE, "is not in a French department");
    }
    if (dept.isPresent() && fromPostcode.isPresent() && !dept.equals(fromPostcode)) {
      p.add(
          Column.POSTCODE,
          "is in department " + fromPostcode.get().code() + ", not " + r.department());
    }
  }

  private static @Nullable LocalDate date(String value, Sink p) {
    try {
      return IsoDates.date(value);
    } catch (DateTimeParseException e) {
      p.add(Column.BIRTH_DATE, "must be a date like 1985-03-27");
      return null;
    }
  }

  private static @Nullable OffsetDateTime time(String value, Column field, Instant now, Sink p) {
    OffsetDateTime t;
    try {
      t = IsoDates.offsetDateTime(value);
    } catch (DateTimeParseException e) {
      p.add(field, "must be a time with its offset, like 2020-10-12T08:15:00+02:00");
      return null;
    }
    if (t.toInstant().isAfter(now)) {
      p.add(field, "is in the future");
    }
    return t;
  }

  private static String stripPhone(String phone) {
    StringBuilder b = new StringBuilder(phone.length());
    for (int i = 0; i < phone.length(); i++) {
      char c = phone.charAt(i);
      if (c != ' ' && c != '.' && c != '-') {
        b.append(c);
      }
    }
    return b.toString();
  }
}
