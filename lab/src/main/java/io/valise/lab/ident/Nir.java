package io.valise.lab.ident;

import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A French NIR (numéro d'inscription au répertoire, the social security number): 13 characters and
 * a 2-digit control key, in its normalised form (no spaces, upper case), which is also the form to
 * hash.
 *
 * <p>Layout: sex (1), year of birth (2), month of birth (2), place of birth (5: department and
 * commune), order number (3), key (2). Facts from public documentation, not from code:
 *
 * <ul>
 *   <li>Key: 97 minus the 13-digit number modulo 97 (so 01 to 97). For Corsica (2A, 2B since 1976)
 *       the letters are replaced by 19 for 2A and 18 for 2B in the number used for the key.
 *       Sources: comptavoo.com "Vérifier et décomposer un numéro de sécurité sociale"; publimath.fr
 *       "numéro de sécurité sociale"; worked examples with their keys on trabucaire.free.fr (2 62
 *       08 75 032 039 → 77) and mathweb.fr (1 89 12 75 125 012 → 82).
 *   <li>Sex: 1 man, 2 woman (service-public.fr question F33078); 3 and 4 for foreign-born people
 *       whose registration is in progress, 7 and 8 for temporary numbers (numéro provisoire, and
 *       the NIA, "constitué comme un NIR", formation-net-entreprises.fr, circulaire DSS/SD4C
 *       2012-213). Valise accepts all six and reads the sex from the parity (odd: male).
 *   <li>Month: 01 to 12; 20 to 42 and 50 to 99 are used when the civil-status document does not
 *       give the month (comptavoo.com: "20 à 30 ou 50 ... acte civil incomplet"; the 31 to 42
 *       pseudo-months likewise). Such a month says nothing about the birth date.
 *   <li>Place: department 01 to 95 (2A/2B in Corsica since 1976, 20 before), then the 3-digit INSEE
 *       commune code; overseas departments and territories 971 to 978 and 984 to 988 take 3 digits
 *       and leave 2 for the commune; 99 means born abroad, followed by the INSEE country code; 91
 *       to 96 were also used for Algeria, Morocco and Tunisia before independence
 *       (service-public.fr F33078).
 * </ul>
 *
 * <p>Checks beyond these (does the commune exist, was the number issued) need the INSEE registers
 * and are not made.
 */
public final class Nir {
  /** The length of a NIR with its key. */
  public static final int LENGTH = 15;

  private final String value;

  private Nir(String value) {
    this.value = value;
  }

  /** Removes spaces, dots and hyphens and upper-cases the Corsica letters. */
  public static String normalise(String raw) {
    return Luhn.strip(raw);
  }

  /** Parses and checks {@code raw} (spaces allowed, as printed on a card). */
  public static Checked<Nir> parse(String raw) {
    String s = normalise(raw);
    if (s.isEmpty()) {
      return Checked.invalid("NIR is empty");
    }
    if (s.length() != LENGTH) {
      return Checked.invalid(
          "NIR must have 15 characters (13 and a 2-digit key), not " + s.length());
    }
    if ("123478".indexOf(s.charAt(0)) < 0) {
      return Checked.invalid("NIR sex digit must be 1 or 2 (3, 4, 7, 8 for temporary numbers)");
    }
    if (!Luhn.allDigits(s.substring(1, 5))) {
      return Checked.invalid("NIR year and month must be digits");
    }
    int month = Integer.parseInt(s.substring(3, 5));
    if (!(month >= 1 && month <= 12) && !(month >= 20 && month <= 42) && month < 50) {
      return Checked.invalid("NIR month must be 01-12 (or 20-42, 50-99 when unknown)");
    }
    String placeProblem = placeProblem(s.substring(5, 10));
    if (placeProblem != null) {
      return Checked.invalid(placeProblem);
    }
    if (!Luhn.allDigits(s.substring(10))) {
      return Checked.invalid("NIR order number and key must be digits");
    }
    if (s.startsWith("000", 10)) {
      return Checked.invalid("NIR order number must be 001-999");
    }
    int key = Integer.parseInt(s.substring(13));
    if (key < 1 || key > 97) {
      return Checked.invalid("NIR key must be 01-97");
    }
    if (key != key(s.substring(0, 13))) {
      return Checked.invalid("NIR key does not match the number");
    }
    return Checked.valid(new Nir(s));
  }

  /**
   * The NIR made of the 13 characters {@code body} and their key.
   *
   * @throws IllegalArgumentException if the result is not a valid NIR
   */
  public static Nir withKey(String body) {
    if (body.length() != 13) {
      throw new IllegalArgumentException("a NIR body has 13 characters");
    }
    int key = key(body);
    return parse(body + (key < 10 ? "0" : "") + key).orThrow();
  }

  /**
   * The control key of a 13-character NIR body: 97 minus the number modulo 97, with 2A read as 19
   * and 2B as 18 in the department.
   */
  public static int key(String body) {
    String digits = body;
    if (body.startsWith("2A", 5)) {
      digits = body.substring(0, 5) + "19" + body.substring(7);
    } else if (body.startsWith("2B", 5)) {
      digits = body.substring(0, 5) + "18" + body.substring(7);
    }
    if (digits.length() != 13 || !Luhn.allDigits(digits)) {
      throw new IllegalArgumentException("a NIR body is 13 digits (2A or 2B in the department)");
    }
    return 97 - (int) (Long.parseLong(digits) % 97);
  }

  /** Why a 5-character place of birth cannot be, or null if it can. */
  private static @Nullable String placeProblem(String place) {
    String dept2 = place.substring(0, 2);
    if (dept2.equals("2A") || dept2.equals("2B")) {
      return Luhn.allDigits(place.substring(2))
          ? communeProblem(place.substring(2))
          : "NIR commune must be digits";
    }
    if (!Luhn.allDigits(place)) {
      return "NIR department must be 01-99, 2A or 2B";
    }
    int d = Integer.parseInt(dept2);
    if (d == 0) {
      return "NIR department 00 does not exist";
    }
    if (d == 97 || d == 98) {
      int d3 = Integer.parseInt(place.substring(0, 3));
      if (!(d3 >= 971 && d3 <= 978) && !(d3 >= 984 && d3 <= 988)) {
        return "NIR overseas department must be 971-978 or 984-988";
      }
      return place.endsWith("00") ? "NIR commune must not be 00" : null;
    }
    return communeProblem(place.substring(2));
  }

  private static @Nullable String communeProblem(String commune) {
    return commune.equals("000") ? "NIR commune (or country) must not be 000" : null;
  }

  /** The normalised 15 characters: the form to store, compare and hash. */
  public String value() {
    return value;
  }

  /** The first digit: 1 to 4, 7 or 8. */
  public int sexDigit() {
    return value.charAt(0) - '0';
  }

  /** True for men (odd sex digit), false for women. */
  public boolean male() {
    return sexDigit() % 2 == 1;
  }

  /** True for the numbers given while registration is in progress (sex digit 3, 4, 7 or 8). */
  public boolean temporary() {
    return sexDigit() > 2;
  }

  /** The last two digits of the year of birth. */
  public int birthYearDigits() {
    return Integer.parseInt(value.substring(1, 3));
  }

  /** The month of birth, empty when the number says it was unknown (20-42, 50-99). */
  public OptionalInt birthMonth() {
    int m = Integer.parseInt(value.substring(3, 5));
    return m <= 12 ? OptionalInt.of(m) : OptionalInt.empty();
  }

  /** The department of birth: 2 characters, or 3 digits overseas (97x, 98x). */
  public String birthDepartment() {
    return value.startsWith("97", 5) || value.startsWith("98", 5)
        ? value.substring(5, 8)
        : value.substring(5, 7);
  }

  /** True if born abroad (department 99). */
  public boolean bornAbroad() {
    return value.startsWith("99", 5);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Nir n && n.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Redacted: a NIR is personal data and does not belong in logs or exception messages. */
  @Override
  public String toString() {
    return "Nir[redacted]";
  }
}
