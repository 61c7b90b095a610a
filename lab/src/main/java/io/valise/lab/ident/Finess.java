package io.valise.lab.ident;

import org.jspecify.annotations.Nullable;

/**
 * A FINESS number (fichier national des établissements sanitaires et sociaux): 9 characters, a
 * 2-character department code (01-95, 2A, 2B; overseas 970 followed by the last digit of the
 * department, as in 9704 for La Réunion, 974), then the order number, and a Luhn check digit over
 * the 9 characters.
 *
 * <p>The Luhn check over all 9 digits is confirmed by real numbers such as 750712184 (AP-HP) and
 * 970421038 (CHU de La Réunion). For Corsica the letter makes the Luhn sum undefined; Valise reads
 * 2A and 2B as 20 for the check. This is an assumption to confirm against the FINESS documentation
 * (DREES / ANS); it is isolated in {@link #luhnDigits(String)}.
 */
public final class Finess {
  /** The length of a FINESS number. */
  public static final int LENGTH = 9;

  private final String value;

  private Finess(String value) {
    this.value = value;
  }

  /** Parses and checks {@code raw} (spaces allowed). */
  public static Checked<Finess> parse(String raw) {
    String s = Luhn.strip(raw);
    if (s.isEmpty()) {
      return Checked.invalid("FINESS is empty");
    }
    if (s.length() != LENGTH) {
      return Checked.invalid("FINESS must have 9 characters, not " + s.length());
    }
    String dept = s.substring(0, 2);
    boolean corsica = dept.equals("2A") || dept.equals("2B");
    if (!corsica && !Luhn.allDigits(dept)) {
      return Checked.invalid("FINESS must start with a department code (01-95, 2A, 2B, 97)");
    }
    if (!Luhn.allDigits(s.substring(2))) {
      return Checked.invalid("FINESS must be digits after the department code");
    }
    if (!corsica) {
      int d = Integer.parseInt(dept);
      if (d == 0 || d == 20 || (d > 95 && d != 97)) {
        return Checked.invalid("FINESS department code must be 01-95, 2A, 2B or 97");
      }
      if (d == 97 && (s.charAt(2) != '0' || s.charAt(3) < '1' || s.charAt(3) > '6')) {
        return Checked.invalid("FINESS overseas code must be 9701-9706 (departments 971-976)");
      }
    }
    if (!Luhn.valid(luhnDigits(s))) {
      return Checked.invalid("FINESS check digit does not match");
    }
    return Checked.valid(new Finess(s));
  }

  /** The FINESS number made of the 8 characters {@code body} and their check digit. */
  public static Finess withCheckDigit(String body) {
    if (body.length() != LENGTH - 1) {
      throw new IllegalArgumentException("a FINESS body has 8 characters");
    }
    return parse(body + Luhn.checkDigit(luhnDigits(body))).orThrow();
  }

  /** The digits the Luhn check runs over: Corsica's 2A and 2B read as 20. */
  static String luhnDigits(String s) {
    return s.startsWith("2A") || s.startsWith("2B") ? "20" + s.substring(2) : s;
  }

  /** The 9 characters, normalised. */
  public String value() {
    return value;
  }

  /** The department code: 2 characters, or 3 digits overseas (9704... is 974). */
  public String department() {
    return value.startsWith("97") ? "97" + value.charAt(3) : value.substring(0, 2);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Finess f && f.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
