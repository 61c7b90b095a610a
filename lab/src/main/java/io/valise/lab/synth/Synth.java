package io.valise.lab.synth;

import io.valise.lab.geo.Department;
import io.valise.lab.geo.Geography;
import io.valise.lab.geo.Place;
import io.valise.lab.ident.Finess;
import io.valise.lab.ident.InsOid;
import io.valise.lab.ident.Nir;
import io.valise.lab.ident.Rpps;
import io.valise.lab.record.Column;
import io.valise.lab.record.LabCsvWriter;
import io.valise.lab.record.LabRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Generates synthetic lab results, one person per record, deterministically from a seed: the same
 * seed gives the same records (and the same bytes from {@link #write}) on every machine, as long as
 * the resource lists are unchanged. The generator is {@link SplittableRandom}: fast, seeded,
 * reproducible; this is test data, not secrets.
 *
 * <p>What the records look like (docs/lab.md, "Synthetic data"): residence departments in
 * proportion to their population, real postcodes and communes, birth dates spread over ages 0 to
 * 99, valid NIR keys consistent with sex, year and month of birth and place of birth (2% temporary
 * numbers, 8% born abroad), valid FINESS and RPPS check digits, the default SARS-CoV-2 tests
 * (mostly RT-PCR) sampled in autumn 2020, about 10% positive. Phone numbers are in the range ARCEP
 * reserves for fiction (06 39 98), emails in the example.org/.com/.net domains reserved by RFC
 * 2606. Every record carries a test-identity INS OID in {@code nir_oid}.
 */
public final class Synth {
  /** The first day samples are taken. */
  public static final LocalDate FIRST_DAY = LocalDate.of(2020, 9, 1);

  /** The number of days over which samples are spread (autumn 2020). */
  public static final int DAYS = 91;

  private static final String[] COUNTRIES = {
    "109", "127", "131", "134", "139", "350", "351", "352"
  }; // INSEE country codes: Germany, Italy, Belgium, Spain, Portugal, Morocco, Tunisia, Algeria
  private static final String[] DOMAINS = {"example.org", "example.com", "example.net"};
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private static final class Lists {
    static final List<String> MALE = WordList.load("first-names-male.txt");
    static final List<String> FEMALE = WordList.load("first-names-female.txt");
    static final List<String> LAST = WordList.load("last-names.txt");
    static final List<String> STREETS = WordList.load("streets.txt");
  }

  private final SplittableRandom random;
  private final List<Department> departments;
  private final long[] cumulative;
  private final Geography geo;

  public Synth(long seed) {
    this.random = new SplittableRandom(seed);
    this.geo = Geography.france();
    this.departments = geo.departments();
    this.cumulative = new long[departments.size()];
    long sum = 0;
    for (int i = 0; i < departments.size(); i++) {
      sum += departments.get(i).populationThousands();
      cumulative[i] = sum;
    }
  }

  /**
   * Writes a lab results file of {@code people} records to {@code out} (header first), calling
   * {@code progress} with the count written every 10,000 records and at the end. Streams: memory
   * does not grow with {@code people}. Flushes {@code out} but does not close it.
   */
  public static void write(long seed, long people, OutputStream out, LongConsumer progress)
      throws IOException {
    if (people < 0) {
      throw new IllegalArgumentException("people must not be negative");
    }
    Synth synth = new Synth(seed);
    LabCsvWriter w = LabCsvWriter.open(out);
    for (long i = 1; i <= people; i++) {
      w.write(synth.next());
      if (i % 10_000 == 0) {
        progress.accept(i);
      }
    }
    w.flush();
    progress.accept(people);
  }

  /** The next synthetic person and test result. */
  public LabRecord next() {
    boolean male = random.nextBoolean();
    boolean temporary = random.nextInt(100) < 2;
    Department home = weightedDepartment();
    List<Place> places = geo.places(home);
    Place place = places.get(random.nextInt(places.size()));

    ZoneId zone = zone(home.code());
    LocalDateTime sampledLocal =
        FIRST_DAY.plusDays(random.nextInt(DAYS)).atTime(7 + random.nextInt(12), random.nextInt(60));
    ZonedDateTime sampled = sampledLocal.atZone(zone);
    ZonedDateTime resulted = sampled.plusMinutes(360 + random.nextInt(42 * 60));

    LocalDate birth = sampledLocal.toLocalDate().minusYears(age()).minusDays(random.nextInt(365));
    String nir = nir(male, temporary, birth, home);

    String first = pick(male ? Lists.MALE : Lists.FEMALE);
    String firstNames = first;
    if (random.nextInt(100) < 30) {
      String second = pick(male ? Lists.MALE : Lists.FEMALE);
      firstNames = second.equals(first) ? first : first + " " + second;
    }
    String last = pick(Lists.LAST);

    Map<Column, String> v = new EnumMap<>(Column.class);
    v.put(Column.NIR, nir);
    v.put(Column.NIR_OID, (temporary ? InsOid.NIA_TEST : InsOid.NIR_TEST).oid());
    v.put(Column.BIRTH_NAME, last.toUpperCase(Locale.ROOT));
    v.put(Column.FIRST_NAMES, firstNames);
    v.put(Column.SEX, male ? "M" : "F");
    v.put(Column.BIRTH_DATE, birth.toString());
    v.put(Column.ADDRESS, (1 + random.nextInt(150)) + " " + pick(Lists.STREETS));
    v.put(Column.POSTCODE, place.postcode());
    v.put(Column.COMMUNE, place.commune());
    v.put(Column.DEPARTMENT, home.code());
    v.put(Column.PHONE, random.nextInt(100) < 90 ? phone() : "");
    v.put(Column.EMAIL, random.nextInt(100) < 70 ? email(first, last) : "");
    v.put(Column.SAMPLED_AT, TIME.format(sampled.toOffsetDateTime()));
    v.put(Column.RESULTED_AT, TIME.format(resulted.toOffsetDateTime()));
    v.put(Column.LAB_FINESS, finess(home.code()));
    v.put(Column.PRESCRIBER_RPPS, random.nextInt(100) < 85 ? rpps() : "");
    v.put(Column.LOINC, loinc());
    v.put(Column.RESULT, result());
    return LabRecord.of(0, v);
  }

  private Department weightedDepartment() {
    long r = random.nextLong(cumulative[cumulative.length - 1]);
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > r) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return departments.get(lo);
  }

  /** Age in years: 22% under 20, 53% 20 to 64, 25% 65 to 99 (roughly France's pyramid). */
  private int age() {
    int band = random.nextInt(100);
    if (band < 22) {
      return random.nextInt(20);
    }
    if (band < 75) {
      return 20 + random.nextInt(45);
    }
    return 65 + random.nextInt(35);
  }

  private String nir(boolean male, boolean temporary, LocalDate birth, Department home) {
    int sex = (temporary ? 7 : 1) + (male ? 0 : 1);
    String month = two(birth.getMonthValue());
    String place;
    int where = random.nextInt(100);
    if (where < 8 || temporary) {
      place = "99" + COUNTRIES[random.nextInt(COUNTRIES.length)];
      if (random.nextInt(100) < 5) {
        month = two(20 + random.nextInt(23)); // civil status without a month
      }
    } else {
      Department d = where < 80 ? home : weightedDepartment();
      String code = d.code();
      if (code.length() == 3) {
        place = code + two(1 + random.nextInt(34));
      } else {
        if (code.startsWith("2") && !Character.isDigit(code.charAt(1)) && birth.getYear() < 1976) {
          code = "20"; // Corsica was one department until 1976
        }
        place = code + three(1 + random.nextInt(899));
      }
    }
    String body = sex + two(birth.getYear() % 100) + month + place + three(1 + random.nextInt(999));
    return Nir.withKey(body).value();
  }

  private String finess(String department) {
    String prefix = department.length() == 3 ? "970" + department.charAt(2) : department;
    StringBuilder body = new StringBuilder(prefix);
    while (body.length() < Finess.LENGTH - 1) {
      body.append((char) ('0' + random.nextInt(10)));
    }
    return Finess.withCheckDigit(body.toString()).value();
  }

  private String rpps() {
    StringBuilder body = new StringBuilder("10");
    while (body.length() < Rpps.LENGTH - 1) {
      body.append((char) ('0' + random.nextInt(10)));
    }
    return Rpps.withCheckDigit(body.toString()).value();
  }

  private String phone() {
    return "+33 6 39 98 " + two(random.nextInt(100)) + " " + two(random.nextInt(100));
  }

  private String email(String first, String last) {
    return ascii(first)
        + "."
        + ascii(last)
        + random.nextInt(100)
        + "@"
        + DOMAINS[random.nextInt(DOMAINS.length)];
  }

  /** 60% RT-PCR on a respiratory sample, 10% other RT-PCR (unspecified, saliva), 30% antigen. */
  private String loinc() {
    int r = random.nextInt(100);
    if (r < 60) {
      return "94500-6";
    }
    if (r < 65) {
      return "94309-2";
    }
    if (r < 70) {
      return "94845-5";
    }
    return r < 95 ? "94558-4" : "95209-3";
  }

  /** About 10% positive, 0.5% inconclusive. */
  private String result() {
    int r = random.nextInt(1000);
    return r < 100 ? "positive" : r < 105 ? "inconclusive" : "negative";
  }

  private String pick(List<String> words) {
    return words.get(random.nextInt(words.size()));
  }

  private static ZoneId zone(String department) {
    return ZoneId.of(
        switch (department) {
          case "971" -> "America/Guadeloupe";
          case "972" -> "America/Martinique";
          case "973" -> "America/Cayenne";
          case "974" -> "Indian/Reunion";
          case "976" -> "Indian/Mayotte";
          default -> "Europe/Paris";
        });
  }

  static String ascii(String name) {
    String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }

  private static String three(int n) {
    return n < 10 ? "00" + n : n < 100 ? "0" + n : Integer.toString(n);
  }
}
