package io.valise.lab.ident;

import org.jspecify.annotations.Nullable;

/**
 * An RPPS number (répertoire partagé des professionnels de santé): 11 digits, the last a Luhn check
 * digit over all 11. The 11-digit length is documented by the ANS and its relays (for example
 * pro.orange.fr "Numéro RPPS"); the Luhn key is the same algorithm as SIREN/SIRET and FINESS.
 */
public final class Rpps {
  /** The length of an RPPS number. */
  public static final int LENGTH = 11;

  private final String value;

  private Rpps(String value) {
    this.value = value;
  }

  /** Parses and checks {@code raw} (spaces allowed). */
  public static Checked<Rpps> parse(String raw) {
    String s = Luhn.strip(raw);
    if (s.isEmpty()) {
      return Checked.invalid("RPPS is empty");
    }
    if (s.length() != LENGTH) {
      return Checked.invalid("RPPS must have 11 digits, not " + s.length());
    }
    if (!Luhn.allDigits(s)) {
      return Checked.invalid("RPPS must be digits");
    }
    if (!Luhn.valid(s)) {
      return Checked.invalid("RPPS check digit does not match");
    }
    return Checked.valid(new Rpps(s));
  }

  /** The RPPS number made of the 10 digits {@code body} and their check digit. */
  public static Rpps withCheckDigit(String body) {
    if (body.length() != LENGTH - 1 || !Luhn.allDigits(body)) {
      throw new IllegalArgumentException("an RPPS body has 10 digits");
    }
    return parse(body + Luhn.checkDigit(body)).orThrow();
  }

  public String value() {
    return value;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Rpps r && r.value.equals(value);
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
