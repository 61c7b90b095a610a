package io.valise.age.format;

import java.util.Base64;

/**
 * The base64 flavour of age headers: standard alphabet, no padding, canonical only (age.md,
 * "Conventions"; RFC 4648 sections 4 and 3.5).
 */
public final class Base64s {
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private Base64s() {}

  /** Encodes without padding. */
  public static String encode(byte[] data) {
    return ENCODER.encodeToString(data);
  }

  /**
   * Decodes unpadded canonical base64.
   *
   * @throws IllegalArgumentException naming the problem if {@code text} holds padding, a character
   *     outside the alphabet, an impossible length, or non-zero trailing bits
   */
  public static byte[] decode(String text) {
    if (text.length() % 4 == 1) {
      throw new IllegalArgumentException(
          "Base64 length [%d] is impossible".formatted(text.length()));
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (!ok) {
        throw new IllegalArgumentException(
            "Base64 character [0x%02x] at index [%d] not allowed".formatted((int) c, i));
      }
    }
    byte[] data = DECODER.decode(text);
    // The JDK decoder ignores non-zero trailing bits; re-encoding exposes them.
    if (!ENCODER.encodeToString(data).equals(text)) {
      throw new IllegalArgumentException("Base64 encoding is not canonical");
    }
    return data;
  }

  /**
   * Decodes {@code text} and checks its decoded length.
   *
   * @throws IllegalArgumentException if not canonical base64 of exactly {@code length} bytes
   */
  public static byte[] decode(String text, int length) {
    byte[] data = decode(text);
    if (data.length != length) {
      throw new IllegalArgumentException(
          "Decoded length [%d] not equal to required length [%d]".formatted(data.length, length));
    }
    return data;
  }
}
