package io.valise.age.format;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 (BIP 173) without its 90-character limit, as age uses for keys (age.md, "Conventions").
 * Strings are all lower or all upper case; the checksum is over the lower-case form.
 */
public final class Bech32 {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {
    0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3
  };

  /** A decoded string: its human-readable part (lower case) and its data bytes. */
  public static final class Decoded {
    private final String hrp;
    private final byte[] data;

    Decoded(String hrp, byte[] data) {
      this.hrp = hrp;
      this.data = data;
    }

    /** The human-readable part, in lower case. */
    public String hrp() {
      return hrp;
    }

    /** A copy of the data bytes. */
    public byte[] data() {
      return data.clone();
    }
  }

  private Bech32() {}

  /**
   * Encodes {@code data} under {@code hrp}, in lower case.
   *
   * @throws IllegalArgumentException if {@code hrp} is empty or holds characters outside 33-126
   */
  public static String encode(String hrp, byte[] data) {
    String h = hrp.toLowerCase(Locale.ROOT);
    checkHrp(h);
    byte[] values = convertBits(data, 8, 5, true);
    byte[] checksum = checksum(h, values);
    StringBuilder sb = new StringBuilder(h.length() + 1 + values.length + 6);
    sb.append(h).append('1');
    for (byte v : values) {
      sb.append(CHARSET.charAt(v));
    }
    for (byte v : checksum) {
      sb.append(CHARSET.charAt(v));
    }
    return sb.toString();
  }

  /**
   * Decodes a Bech32 string.
   *
   * @throws IllegalArgumentException naming the problem: a character outside US-ASCII 33-126, mixed
   *     case, missing separator, bad character, bad checksum, or bad padding
   */
  public static Decoded decode(String text) {
    // BIP 173 strings are US-ASCII 33-126. Check before any case mapping: Unicode lower-cases
    // KELVIN SIGN (U+212A) to 'k', which would make a look-alike string decode to the same key.
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 33 || c > 126) {
        throw new IllegalArgumentException(
            "Bech32 character [0x%04x] at index [%d] is not US-ASCII 33-126".formatted((int) c, i));
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.equals(text) && !text.toUpperCase(Locale.ROOT).equals(text)) {
      throw new IllegalArgumentException("Bech32 string mixes upper and lower case");
    }
    int sep = lower.lastIndexOf('1');
    if (sep < 1 || sep + 7 > lower.length()) {
      throw new IllegalArgumentException("Bech32 separator missing or misplaced");
    }
    String hrp = lower.substring(0, sep);
    checkHrp(hrp);
    byte[] values = new byte[lower.length() - sep - 1];
    for (int i = 0; i < values.length; i++) {
      char c = lower.charAt(sep + 1 + i);
      int v = CHARSET.indexOf(c);
      if (v < 0) {
        throw new IllegalArgumentException(
            "Bech32 character [%c] at index [%d] not allowed".formatted(c, sep + 1 + i));
      }
      values[i] = (byte) v;
    }
    if (polymod(hrp, values, values.length) != 1) {
      throw new IllegalArgumentException("Bech32 checksum does not match");
    }
    byte[] payload = new byte[values.length - 6];
    System.arraycopy(values, 0, payload, 0, payload.length);
    return new Decoded(hrp, convertBits(payload, 5, 8, false));
  }

  private static void checkHrp(String hrp) {
    if (hrp.isEmpty()) {
      throw new IllegalArgumentException("Bech32 human-readable part is empty");
    }
    for (int i = 0; i < hrp.length(); i++) {
      char c = hrp.charAt(i);
      if (c < 33 || c > 126) {
        throw new IllegalArgumentException(
            "Bech32 human-readable character [0x%02x] not allowed".formatted((int) c));
      }
    }
  }

  private static byte[] checksum(String hrp, byte[] values) {
    byte[] extended = new byte[values.length + 6];
    System.arraycopy(values, 0, extended, 0, values.length);
    int mod = polymod(hrp, extended, extended.length) ^ 1;
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    return out;
  }

  private static int polymod(String hrp, byte[] values, int length) {
    int chk = 1;
    for (int i = 0; i < hrp.length(); i++) {
      chk = step(chk, hrp.charAt(i) >> 5);
    }
    chk = step(chk, 0);
    for (int i = 0; i < hrp.length(); i++) {
      chk = step(chk, hrp.charAt(i) & 31);
    }
    for (int i = 0; i < length; i++) {
      chk = step(chk, values[i]);
    }
    return chk;
  }

  private static int step(int chk, int value) {
    int top = chk >>> 25;
    int next = ((chk & 0x1ffffff) << 5) ^ value;
    for (int i = 0; i < 5; i++) {
      if (((top >>> i) & 1) != 0) {
        next ^= GENERATOR[i];
      }
    }
    return next;
  }

  private static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * from / to + 1);
    for (byte b : in) {
      int value = b & 0xff;
      acc = (acc << from) | value;
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & maxv);
      }
      acc &= (1 << bits) - 1;
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (to - bits)) & maxv);
      }
    } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
      throw new IllegalArgumentException("Bech32 data has invalid padding");
    }
    return out.toByteArray();
  }
}
