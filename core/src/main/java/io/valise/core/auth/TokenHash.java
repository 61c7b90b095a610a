package io.valise.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 hash under which a token (API or session) is stored; the token itself is never
 * stored. A hash of a 256-bit random token reveals nothing useful, so it may be indexed and looked
 * up; {@link #equals} still compares in constant time.
 */
public final class TokenHash {
  /** Length of a hash in bytes. */
  public static final int BYTES = 32;

  private final byte[] hash;

  private TokenHash(byte[] hash) {
    this.hash = hash;
  }

  /**
   * A hash read back from storage.
   *
   * @throws AuthFormatException if {@code hash} is not {@value #BYTES} bytes
   */
  public static TokenHash of(byte[] hash) {
    if (hash.length != BYTES) {
      throw new AuthFormatException(
          "Token hash length [%d] not equal to [%d]".formatted(hash.length, BYTES));
    }
    return new TokenHash(hash.clone());
  }

  /**
   * A hash read back from storage as 64 lower-case hex digits.
   *
   * @throws AuthFormatException if {@code hex} is not 64 lower-case hex digits
   */
  public static TokenHash fromHex(String hex) {
    if (hex.length() != 2 * BYTES
        || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)
        || !hex.equals(hex.toLowerCase(Locale.ROOT))) {
      throw new AuthFormatException(
          "Token hash is not [%d] lower-case hex digits".formatted(2 * BYTES));
    }
    return new TokenHash(HexFormat.of().parseHex(hex));
  }

  /** Hashes {@code prefix} and {@code raw}, so that two token kinds never share a hash. */
  static TokenHash compute(String prefix, byte[] raw) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(prefix.getBytes(StandardCharsets.US_ASCII));
      sha256.update(raw);
      return new TokenHash(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK provides SHA-256", e);
    }
  }

  /** A copy of the hash bytes, for storage. */
  public byte[] bytes() {
    return hash.clone();
  }

  /** The hash as 64 lower-case hex digits, for storage. */
  public String toHex() {
    return HexFormat.of().formatHex(hash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenHash t && MessageDigest.isEqual(hash, t.hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }

  /** Only the first four bytes, enough to tell hashes apart in a log. */
  @Override
  public String toString() {
    return "TokenHash[" + HexFormat.of().formatHex(hash, 0, 4) + "…]";
  }
}
