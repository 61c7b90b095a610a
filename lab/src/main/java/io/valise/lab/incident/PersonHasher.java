package io.valise.lab.incident;

import io.valise.lab.ident.Nir;
import io.valise.lab.record.LabRecord;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The keyed hashes of a person as manifests write them (docs/lab.md, "Manifest"), computed from a
 * lab's own patient file so the two can be joined:
 *
 * <ul>
 *   <li>NIR: HMAC of the NIR without spaces, dots and hyphens ({@link Nir#normalise});
 *   <li>name: HMAC of the birth name, a space and the first names, upper case, accents removed (NFD
 *       without combining marks, Œ and Æ as OE and AE), runs of white space as one space and none
 *       at the ends; then {@code |} and the birth date as written, trimmed.
 * </ul>
 */
public final class PersonHasher {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private PersonHasher() {}

  /** The normalised name: {@code "Lætitia Hélène"} gives {@code "LAETITIA HELENE"}. */
  static String name(String birthName, String firstNames) {
    String s = (birthName + " " + firstNames).toUpperCase(Locale.ROOT);
    s = s.replace("Œ", "OE").replace("Æ", "AE");
    s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    return SPACES.matcher(s).replaceAll(" ").strip();
  }

  /** The NIR hash of {@code r}, empty if its NIR is empty. */
  public static String nirHash(LabRecord r, HashSecret key) {
    String nir = Nir.normalise(r.nir());
    return nir.isEmpty() ? "" : key.hmacHex(nir);
  }

  /** The name hash of {@code r}. */
  public static String nameHash(LabRecord r, HashSecret key) {
    return key.hmacHex(name(r.birthName(), r.firstNames()) + "|" + r.birthDate().strip());
  }
}
