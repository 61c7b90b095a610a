package io.valise.core.auth;

import java.io.ByteArrayOutputStream;

/** RFC 4648 section 6 base32, written without padding and read strictly (canonical only). */
final class Base32 {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32() {}

  /** Upper-case base32 of {@code bytes} with no {@code =} padding. */
  static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        out.append(ALPHABET.charAt((buffer >>> bits) & 31));
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /**
   * Decodes upper-case unpadded base32 that {@link #encode} would write back identically.
   *
   * @throws AuthFormatException naming the rule broken, never echoing the text (it may be a secret)
   */
  static byte[] decode(String text, String what) {
    int rem = text.length() % 8;
    if (rem == 1 || rem == 3 || rem == 6) {
      throw new AuthFormatException(
          "%s: base32 length [%d] is impossible".formatted(what, text.length()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < text.length(); i++) {
      int v = ALPHABET.indexOf(text.charAt(i));
      if (v < 0) {
        throw new AuthFormatException(
            "%s: character at [%d] is not upper-case base32 (A-Z, 2-7, no padding)"
                .formatted(what, i));
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out.write((buffer >>> bits) & 0xff);
      }
    }
    if ((buffer & ((1 << bits) - 1)) != 0) {
      throw new AuthFormatException("%s: base32 has non-zero trailing bits".formatted(what));
    }
    return out.toByteArray();
  }
}
