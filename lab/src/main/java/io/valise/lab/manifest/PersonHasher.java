package io.valise.lab.manifest;

import io.valise.lab.ident.Nir;
import io.valise.lab.record.ByteSink;
import io.valise.lab.record.LabRecord;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Computes a record's {@link PersonHashes} as bytes, for one thread: the same hashes as {@link
 * PersonHashes#of}, without the hex strings, and with the name normalised without regular
 * expressions when it is printable ASCII and Latin letters (the common case; anything else takes
 * {@link PersonHashes#normaliseName}). {@link #clear()} wipes its buffer.
 */
public final class PersonHasher {
  private final HashKey.Hmac hmac;
  private final ByteSink text = new ByteSink(256);

  public PersonHasher(HashKey key) {
    this.hmac = key.hmac();
  }

  /**
   * Writes the NIR hash to {@code out[off..off+32)} and the name hash to {@code
   * out[off+32..off+64)}.
   */
  public void hash(LabRecord r, byte[] out, int off) {
    text.clear();
    text.append(Nir.normalise(r.nir()));
    hmac.mac(text.buffer(), 0, text.length(), out, off);
    text.clear();
    if (!name(r.birthName(), r.firstNames(), text)) {
      text.clear();
      text.append(PersonHashes.normaliseName(r.birthName(), r.firstNames()));
    }
    text.append((byte) '|').append(r.birthDate().strip());
    hmac.mac(text.buffer(), 0, text.length(), out, off + HashKey.Hmac.LENGTH);
  }

  /**
   * Appends {@link PersonHashes#normaliseName} of the two names if both are printable ASCII and
   * letters of {@link #LETTERS} (where it is: upper case, accents dropped, runs of spaces as one,
   * none at the ends), else appends nothing and returns false.
   */
  static boolean name(String birthName, String firstNames, ByteSink out) {
    if (!simple(birthName) || !simple(firstNames)) {
      return false;
    }
    int start = out.length();
    boolean space = true; // drops leading spaces
    for (int k = 0; k < 2; k++) {
      String s = k == 0 ? birthName : firstNames;
      if (k == 1 && !space) {
        out.append((byte) ' ');
        space = true;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == ' ') {
          if (!space) {
            out.append((byte) ' ');
            space = true;
          }
          continue;
        }
        space = false;
        if (c < 0x80) {
          out.append((byte) (c >= 'a' && c <= 'z' ? c - 32 : c));
        } else {
          out.append(Objects.requireNonNull(LETTERS[c - 0x80]));
        }
      }
    }
    if (space && out.length() > start) {
      out.truncate(out.length() - 1); // a trailing space
    }
    return true;
  }

  /**
   * What {@link PersonHashes#normaliseName} makes of each letter from U+0080 to U+017F (Latin-1 and
   * Latin Extended-A: é, ç, Œ, ß...), computed by it, when that is one or two ASCII capital
   * letters; null for the others (spaces, symbols, letters it leaves as they are). Upper-casing,
   * decomposition and dropping the marks act on each such letter alone, so the name is the
   * concatenation.
   */
  private static final @Nullable String[] LETTERS = new String[0x180 - 0x80];

  static {
    for (char c = 0x80; c < 0x180; c++) {
      String n = PersonHashes.normaliseName(String.valueOf(c), "");
      if (!n.isEmpty() && n.length() <= 2 && n.chars().allMatch(x -> x >= 'A' && x <= 'Z')) {
        LETTERS[c - 0x80] = n;
      }
    }
  }

  /** Printable ASCII, or letters of {@link #LETTERS}. */
  private static boolean simple(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && (c >= 0x180 || LETTERS[c - 0x80] == null))) {
        return false;
      }
    }
    return true;
  }

  /** Wipes the buffer that held the last record's NIR and name. */
  public void clear() {
    text.clear();
  }
}
