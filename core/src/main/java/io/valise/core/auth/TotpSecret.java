package io.valise.core.auth;

import io.valise.age.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The shared key K of a TOTP (RFC 6238). Prints as {@code TotpSecret[REDACTED]}, compares in
 * constant time, wipes itself on {@link #close()}.
 */
public final class TotpSecret extends SecretBytes {
  /** Length of generated secrets: 160 bits, as RFC 4226 section 4 recommends. */
  public static final int GENERATED_BYTES = 20;

  private static final int MIN_BYTES = 16;
  private static final int MAX_BYTES = 64;

  private TotpSecret(byte[] owned) {
    super(owned);
  }

  /** A new random secret of {@value #GENERATED_BYTES} bytes. */
  public static TotpSecret generate(SecureRandom random) {
    byte[] key = new byte[GENERATED_BYTES];
    random.nextBytes(key);
    return new TotpSecret(key);
  }

  /**
   * Reads a secret stored or shown as upper-case unpadded base32.
   *
   * @throws AuthFormatException if the text is not canonical base32 of 16 to 64 bytes (RFC 4226
   *     requires at least 128 bits)
   */
  public static TotpSecret fromBase32(String base32) {
    byte[] key = Base32.decode(base32, "TOTP secret");
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      Arrays.fill(key, (byte) 0);
      throw new AuthFormatException(
          "TOTP secret length [%d] bytes not in [%d, %d]"
              .formatted(key.length, MIN_BYTES, MAX_BYTES));
    }
    return new TotpSecret(key);
  }

  /** Wraps raw key bytes (test vectors); takes a copy. */
  static TotpSecret ofBytes(byte[] key) {
    return new TotpSecret(key.clone());
  }

  /**
   * The secret as upper-case unpadded base32, to show once at enrolment or to store encrypted. The
   * returned string cannot be wiped: keep it no longer than needed.
   *
   * @throws IllegalStateException if destroyed
   */
  public String revealBase32() {
    return Base32.encode(secret());
  }

  /** The key in place, for {@link Totp} only. */
  byte[] key() {
    return secret();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TotpSecret s && sameSecret(s);
  }

  @Override
  public int hashCode() {
    return 0;
  }
}
