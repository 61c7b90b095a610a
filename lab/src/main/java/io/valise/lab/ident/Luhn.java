package io.valise.lab.ident;

/**
 * The Luhn (mod 10) check used by FINESS and RPPS numbers: from the rightmost digit, every second
 * digit is doubled (minus 9 when above 9), and the sum of all digits must end in 0.
 */
public final class Luhn {
  private Luhn() {}

  /** True if {@code digits} (ASCII digits only) passes the check. */
  public static boolean valid(CharSequence digits) {
    return sum(digits, false) % 10 == 0;
  }

  /** The digit that, appended to {@code payload}, makes it pass the check. */
  public static int checkDigit(CharSequence payload) {
    return (10 - sum(payload, true) % 10) % 10;
  }

  private static int sum(CharSequence digits, boolean doubleFirst) {
    int sum = 0;
    boolean twice = doubleFirst;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw new IllegalArgumentException("not a digit at position " + (i + 1));
      }
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum;
  }

  static boolean allDigits(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Removes spaces, dots and hyphens (as numbers are printed on cards and letters). */
  static String strip(String raw) {
    StringBuilder b = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != ' ' && c != '.' && c != '-' && c != '\u00a0' && c != '\t') {
        b.append(Character.toUpperCase(c));
      }
    }
    return b.toString();
  }
}
