package io.valise.core.auth;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * An argon2id hash in PHC string format, {@code $argon2id$v=19$m=M,t=T,p=P$SALT$HASH}, with salt
 * and hash in standard base64 without padding. Parsing is strict: one algorithm, one version,
 * parameters in that order as canonical decimals, canonical base64, and every cost bounded so a
 * hostile string in the database cannot make the server spend unbounded memory or time.
 */
final class PhcHash {
  static final String ALGORITHM = "argon2id";
  static final int VERSION = 19;
  static final int MAX_MEMORY_KIB = 131_072;
  static final int MAX_ITERATIONS = 10;
  static final int MAX_PARALLELISM = 8;
  static final int MIN_SALT_BYTES = 8;
  static final int MAX_SALT_BYTES = 64;
  static final int MIN_HASH_BYTES = 16;
  static final int MAX_HASH_BYTES = 64;
  private static final int MAX_LENGTH = 256;
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,9}");
  private static final Pattern B64 = Pattern.compile("[A-Za-z0-9+/]+");

  final int memoryKib;
  final int iterations;
  final int parallelism;
  private final byte[] salt;
  private final byte[] hash;

  /**
   * Takes copies of salt and hash after checking every bound.
   *
   * @throws AuthFormatException if a parameter or length is out of bounds
   */
  PhcHash(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    checkBounds(memoryKib, iterations, parallelism, salt.length, hash.length);
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.salt = salt.clone();
    this.hash = hash.clone();
  }

  /**
   * Checks costs and lengths against the bounds of this class.
   *
   * @throws AuthFormatException naming the value out of bounds
   */
  static void checkBounds(
      int memoryKib, int iterations, int parallelism, int saltLength, int hashLength) {
    check(parallelism, 1, MAX_PARALLELISM, "p");
    check(memoryKib, 8 * parallelism, MAX_MEMORY_KIB, "m");
    check(iterations, 1, MAX_ITERATIONS, "t");
    check(saltLength, MIN_SALT_BYTES, MAX_SALT_BYTES, "salt length");
    check(hashLength, MIN_HASH_BYTES, MAX_HASH_BYTES, "hash length");
  }

  /**
   * Parses a PHC string.
   *
   * @throws AuthFormatException naming the first part that is malformed or out of bounds
   */
  static PhcHash parse(String phc) {
    if (phc.length() > MAX_LENGTH) {
      throw new AuthFormatException(
          "Password hash length [%d] exceeds [%d]".formatted(phc.length(), MAX_LENGTH));
    }
    String[] parts = phc.split("\\$", -1);
    if (parts.length != 6 || !parts[0].isEmpty()) {
      throw new AuthFormatException(
          "Password hash is not $argon2id$v=19$m=M,t=T,p=P$SALT$HASH: [%d] fields"
              .formatted(parts.length - 1));
    }
    if (!parts[1].equals(ALGORITHM)) {
      throw new AuthFormatException("Password hash algorithm is not argon2id");
    }
    if (!parts[2].equals("v=" + VERSION)) {
      throw new AuthFormatException("Password hash version is not v=19");
    }
    String[] params = parts[3].split(",", -1);
    if (params.length != 3) {
      throw new AuthFormatException(
          "Password hash has [%d] parameters, expected m,t,p".formatted(params.length));
    }
    int m = param(params[0], "m");
    int t = param(params[1], "t");
    int p = param(params[2], "p");
    byte[] salt = base64(parts[4], MAX_SALT_BYTES, "salt");
    byte[] hash = base64(parts[5], MAX_HASH_BYTES, "hash");
    return new PhcHash(m, t, p, salt, hash);
  }

  /** The canonical PHC string. */
  String format() {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$%s$v=%d$m=%d,t=%d,p=%d$%s$%s"
        .formatted(
            ALGORITHM,
            VERSION,
            memoryKib,
            iterations,
            parallelism,
            b64.encodeToString(salt),
            b64.encodeToString(hash));
  }

  /** A copy of the salt. */
  byte[] salt() {
    return salt.clone();
  }

  /** Length of the stored hash in bytes. */
  int hashLength() {
    return hash.length;
  }

  int saltLength() {
    return salt.length;
  }

  /** Constant-time comparison of {@code candidate} with the stored hash. */
  boolean matches(byte[] candidate) {
    return MessageDigest.isEqual(hash, candidate);
  }

  private static int param(String field, String name) {
    String prefix = name + "=";
    if (!field.startsWith(prefix)) {
      throw new AuthFormatException("Password hash parameter [%s] expected".formatted(name));
    }
    String digits = field.substring(prefix.length());
    if (!DECIMAL.matcher(digits).matches()) {
      throw new AuthFormatException(
          "Password hash parameter [%s] is not a canonical decimal".formatted(name));
    }
    long value = Long.parseLong(digits);
    if (value > Integer.MAX_VALUE) {
      throw new AuthFormatException("Password hash parameter [%s] too large".formatted(name));
    }
    return (int) value;
  }

  private static byte[] base64(String text, int maxBytes, String name) {
    // Bound before decoding: 4 characters per 3 bytes, rounded up.
    int maxChars = (maxBytes * 4 + 2) / 3;
    if (text.isEmpty() || text.length() > maxChars || !B64.matcher(text).matches()) {
      throw new AuthFormatException(
          "Password hash %s is not 1 to [%d] base64 characters without padding"
              .formatted(name, maxChars));
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new AuthFormatException("Password hash %s is not valid base64".formatted(name));
    }
    if (!Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
      throw new AuthFormatException("Password hash %s is not canonical base64".formatted(name));
    }
    return bytes;
  }

  private static void check(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new AuthFormatException(
          "Password hash %s [%d] not in [%d, %d]".formatted(name, value, min, max));
    }
  }

  @Override
  public String toString() {
    return "PhcHash[m=%d,t=%d,p=%d]".formatted(memoryKib, iterations, parallelism);
  }
}
