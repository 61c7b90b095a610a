package io.valise.core.id;

import java.security.SecureRandom;

/** Lower-case RFC 4648 base32 of 128 bits without padding: 26 characters, the last 2 bits zero. */
final class Base32Id {
  static final int LENGTH = 26;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

  private Base32Id() {}

  static String encode(long high, long low) {
    char[] out = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      int v = 0;
      for (int b = i * 5; b < i * 5 + 5; b++) {
        v = (v << 1) | bit(high, low, b);
      }
      out[i] = ALPHABET.charAt(v);
    }
    return new String(out);
  }

  /**
   * Parses the text form strictly: exactly 26 characters of {@code [a-z2-7]} whose two padding bits
   * are zero, so that no two spellings name the same id.
   *
   * @return {high, low}
   * @throws IllegalArgumentException naming the bad text (shortened) and what is wrong with it
   */
  static long[] parse(String kind, String text) {
    if (text.length() != LENGTH) {
      throw new IllegalArgumentException(
          "%s [%s] has length [%d], expected [%d]"
              .formatted(kind, preview(text), text.length(), LENGTH));
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < LENGTH; i++) {
      int v = ALPHABET.indexOf(text.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException(
            "%s [%s] has a character outside [a-z2-7] at index [%d]"
                .formatted(kind, preview(text), i));
      }
      for (int j = 4; j >= 0; j--) {
        int b = i * 5 + (4 - j);
        long bit = (v >>> j) & 1L;
        if (b < 64) {
          high = (high << 1) | bit;
        } else if (b < 128) {
          low = (low << 1) | bit;
        } else if (bit != 0) {
          throw new IllegalArgumentException(
              "%s [%s] is not canonical: its padding bits are not zero"
                  .formatted(kind, preview(text)));
        }
      }
    }
    return new long[] {high, low};
  }

  static long[] random(SecureRandom random) {
    return new long[] {random.nextLong(), random.nextLong()};
  }

  private static int bit(long high, long low, int b) {
    if (b < 64) {
      return (int) ((high >>> (63 - b)) & 1);
    }
    if (b < 128) {
      return (int) ((low >>> (127 - b)) & 1);
    }
    return 0;
  }

  /** Never echo unbounded client input into messages and logs. */
  private static String preview(String text) {
    String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    StringBuilder safe = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> safe.appendCodePoint(c >= 0x20 && c < 0x7f ? c : '?'));
    return safe.toString();
  }
}
