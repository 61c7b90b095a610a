package io.valise.lab.profile;

import io.valise.lab.record.Column;
import io.valise.lab.record.IsoDates;
import io.valise.lab.record.LabRecord;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.IsoFields;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A column of an output file: one of the input's columns as it is, or a value derived from them to
 * send less ({@link #NIR_HASH}, {@link #AGE_BAND}, {@link #SAMPLED_DATE}, {@link #SAMPLED_WEEK}).
 * Derived values are computed from valid records only.
 */
public enum Field {
  NIR("nir", Category.NIR, Column.NIR),
  NIR_OID("nir_oid", Category.NIR, Column.NIR_OID),
  BIRTH_NAME("birth_name", Category.IDENTITY, Column.BIRTH_NAME),
  FIRST_NAMES("first_names", Category.IDENTITY, Column.FIRST_NAMES),
  SEX("sex", Category.IDENTITY, Column.SEX),
  BIRTH_DATE("birth_date", Category.IDENTITY, Column.BIRTH_DATE),
  ADDRESS("address", Category.CONTACT, Column.ADDRESS),
  POSTCODE("postcode", Category.CONTACT, Column.POSTCODE),
  COMMUNE("commune", Category.CONTACT, Column.COMMUNE),
  DEPARTMENT("department", Category.CONTACT, Column.DEPARTMENT),
  PHONE("phone", Category.CONTACT, Column.PHONE),
  EMAIL("email", Category.CONTACT, Column.EMAIL),
  SAMPLED_AT("sampled_at", Category.HEALTH_RESULT, Column.SAMPLED_AT),
  RESULTED_AT("resulted_at", Category.HEALTH_RESULT, Column.RESULTED_AT),
  LAB_FINESS("lab_finess", Category.PROFESSIONAL, Column.LAB_FINESS),
  PRESCRIBER_RPPS("prescriber_rpps", Category.PROFESSIONAL, Column.PRESCRIBER_RPPS),
  LOINC("loinc", Category.HEALTH_RESULT, Column.LOINC),
  RESULT("result", Category.HEALTH_RESULT, Column.RESULT),
  /** A keyed hash of the normalised NIR (lower-case hex), the same for the same person. */
  NIR_HASH("nir_hash", Category.NIR, null),
  /**
   * The age in whole years at the sampling date, in ten-year bands: {@code 0-9} ... {@code 100+}.
   */
  AGE_BAND("age_band", Category.IDENTITY, null),
  /** The sampling date at the sample's own offset, {@code 2020-10-12}. */
  SAMPLED_DATE("sampled_date", Category.HEALTH_RESULT, null),
  /** The ISO week of the sampling date, {@code 2020-W42}. */
  SAMPLED_WEEK("sampled_week", Category.HEALTH_RESULT, null);

  private final String header;
  private final Category category;
  private final @Nullable Column column;

  Field(String header, Category category, @Nullable Column column) {
    this.header = header;
    this.category = category;
    this.column = column;
  }

  /** The name in a profile and in the output file's header line. */
  public String header() {
    return header;
  }

  public Category category() {
    return category;
  }

  /** The field named {@code header}, exactly. */
  public static Optional<Field> ofHeader(String header) {
    for (Field f : values()) {
      if (f.header.equals(header)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * The value of this field for the valid record {@code r}; {@code pseudonym} gives the NIR hash.
   *
   * @throws java.time.DateTimeException if a date of {@code r} does not parse (the record was not
   *     validated)
   */
  public String value(LabRecord r, Pseudonymiser pseudonym) {
    return switch (this) {
      case NIR_HASH -> pseudonym.nirHash(r.nir());
      case AGE_BAND -> ageBand(IsoDates.date(r.birthDate()), sampledDate(r));
      case SAMPLED_DATE -> sampledDate(r).toString();
      case SAMPLED_WEEK -> week(sampledDate(r));
      default -> r.get(Objects.requireNonNull(column));
    };
  }

  /** The ten-year band of the age in whole years on {@code on}: {@code 0-9}, ..., {@code 100+}. */
  public static String ageBand(LocalDate birth, LocalDate on) {
    int age = Period.between(birth, on).getYears();
    if (age < 0) {
      throw new IllegalArgumentException("born after the date");
    }
    if (age >= 100) {
      return "100+";
    }
    return BANDS[age / 10];
  }

  private static final String[] BANDS = {
    "0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90-99"
  };

  /** Weeks already written, by date: a day's file spans a few dates (bounded, for odd input). */
  private static final java.util.concurrent.ConcurrentHashMap<LocalDate, String> WEEKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The ISO 8601 week of {@code d}, such as {@code 2020-W53} for 31 December 2020. */
  public static String week(LocalDate d) {
    String known = WEEKS.get(d);
    if (known != null) {
      return known;
    }
    int w = d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    String week = d.get(IsoFields.WEEK_BASED_YEAR) + (w < 10 ? "-W0" : "-W") + w;
    if (WEEKS.size() < 4096) {
      WEEKS.put(d, week);
    }
    return week;
  }

  private static LocalDate sampledDate(LabRecord r) {
    return IsoDates.offsetDateTime(r.sampledAt()).toLocalDate();
  }

  /** Gives the keyed hash of a NIR for {@link #NIR_HASH}. */
  @FunctionalInterface
  public interface Pseudonymiser {
    String nirHash(String nir);
  }
}
