package io.valise.lab.manifest;

import io.valise.lab.ident.Nir;
import io.valise.lab.record.LabRecord;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The keyed hashes that identify a person in a manifest without naming them.
 *
 * @param nir HMAC-SHA256 of the normalised NIR ({@link Nir#normalise}: no spaces, dots, hyphens),
 *     lower-case hex
 * @param name HMAC-SHA256 of {@link #normaliseName} of the birth name and first names, a {@code |},
 *     and the birth date as {@code YYYY-MM-DD}, lower-case hex
 */
public record PersonHashes(String nir, String name) {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** The hashes of the person of {@code r} under {@code key}. */
  public static PersonHashes of(LabRecord r, HashKey key) {
    return new PersonHashes(
        key.hmacHex(Nir.normalise(r.nir())),
        key.hmacHex(normaliseName(r.birthName(), r.firstNames()) + "|" + r.birthDate().strip()));
  }

  /**
   * Birth name, a space, first names; upper case, accents removed (Unicode NFD without the marks,
   * and Œ, Æ written OE, AE), every run of white space one space, none at the ends: {@code "Lætitia
   * Hélène d'Orléans"} is {@code "LAETITIA HELENE D'ORLEANS"}.
   */
  public static String normaliseName(String birthName, String firstNames) {
    String s = (birthName + " " + firstNames).toUpperCase(Locale.ROOT);
    s = s.replace("Œ", "OE").replace("Æ", "AE");
    s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    return SPACES.matcher(s).replaceAll(" ").strip();
  }

  @Override
  public String toString() {
    return "PersonHashes[redacted]";
  }
}
