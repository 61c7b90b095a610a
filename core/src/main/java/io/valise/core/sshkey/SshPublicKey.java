package io.valise.core.sshkey;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An SSH public key in OpenSSH's one-line form ({@code ssh-ed25519 AAAAC3... comment}), checked: a
 * known algorithm, a blob that decodes and names the same algorithm, a key of sensible size (RSA at
 * least 2048 bits, Ed25519 exactly 32 bytes). Equal keys have equal {@link #text()}.
 */
public final class SshPublicKey {
  /** The longest comment kept. */
  public static final int MAX_COMMENT = 200;

  private static final int MAX_LINE = 16 * 1024;
  private static final int MIN_RSA_BITS = 2048;

  /** The algorithms accepted: those OpenSSH 9 offers by default. */
  public static final Set<String> ALGORITHMS =
      Set.of(
          "ssh-ed25519",
          "ecdsa-sha2-nistp256",
          "ecdsa-sha2-nistp384",
          "ecdsa-sha2-nistp521",
          "ssh-rsa",
          "sk-ssh-ed25519@openssh.com",
          "sk-ecdsa-sha2-nistp256@openssh.com");

  private final String algorithm;
  private final byte[] blob;

  /**
   * A key from its parts, checked as {@link #parse} does.
   *
   * @param algorithm the algorithm name, for example {@code ssh-ed25519}
   * @param blob the key in the SSH wire encoding (RFC 4253 section 6.6)
   * @throws IllegalArgumentException if they do not make a key this gateway accepts
   */
  public static SshPublicKey of(String algorithm, byte[] blob) {
    if (!ALGORITHMS.contains(algorithm)) {
      throw new IllegalArgumentException("Unsupported SSH key type [" + printable(algorithm) + "]");
    }
    check(algorithm, blob);
    return new SshPublicKey(algorithm, blob);
  }

  private SshPublicKey(String algorithm, byte[] blob) {
    this.algorithm = algorithm;
    this.blob = blob.clone();
  }

  /** The algorithm name, for example {@code ssh-ed25519}. */
  public String algorithm() {
    return algorithm;
  }

  /** A key and the comment that followed it on its line (empty if none). */
  public record Line(SshPublicKey key, String comment) {}

  /**
   * Reads one line of an OpenSSH public key file or {@code authorized_keys} entry without options.
   *
   * @throws IllegalArgumentException naming what is wrong, if it is not a public key this gateway
   *     accepts
   */
  public static Line parse(String line) {
    String s = line.strip();
    if (s.length() > MAX_LINE) {
      throw new IllegalArgumentException("An SSH public key line is at most 16 KiB");
    }
    if (s.startsWith("-----BEGIN")) {
      throw new IllegalArgumentException(
          "This is a private key or a PEM file; give the public key (the .pub file)");
    }
    String[] parts = s.split("\\s+", 3);
    if (parts.length < 2) {
      throw new IllegalArgumentException(
          "An SSH public key reads 'ALGORITHM BASE64 [COMMENT]', as in a .pub file");
    }
    String algorithm = parts[0];
    if (!ALGORITHMS.contains(algorithm)) {
      throw new IllegalArgumentException(
          "Unsupported SSH key type [%s]; use one of %s"
              .formatted(printable(algorithm), ALGORITHMS.stream().sorted().toList()));
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The key's second field is not base64", e);
    }
    check(algorithm, blob);
    String comment = parts.length == 3 ? printable(parts[2].strip()) : "";
    return new Line(new SshPublicKey(algorithm, blob), comment);
  }

  /** The canonical one-line form, algorithm and base64 blob, without a comment. */
  public String text() {
    return algorithm + " " + Base64.getEncoder().encodeToString(blob);
  }

  /** The key in the SSH wire encoding, copied. */
  public byte[] blob() {
    return blob.clone();
  }

  /** The SHA-256 fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:} and base64. */
  public String fingerprint() {
    return fingerprint(blob);
  }

  /** The fingerprint of a key given in the SSH wire encoding. */
  public static String fingerprint(byte[] blob) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SshPublicKey k
        && algorithm.equals(k.algorithm)
        && Arrays.equals(blob, k.blob);
  }

  @Override
  public int hashCode() {
    return algorithm.hashCode() * 31 + Arrays.hashCode(blob);
  }

  @Override
  public String toString() {
    return algorithm + " " + fingerprint();
  }

  /** Checks the blob's structure (RFC 4253 6.6, RFC 5656 3.1, RFC 8709 4). */
  private static void check(String algorithm, byte[] blob) {
    ByteBuffer b = ByteBuffer.wrap(blob);
    try {
      String named = new String(field(b), StandardCharsets.US_ASCII);
      if (!named.equals(algorithm)) {
        throw new IllegalArgumentException(
            "The key says [%s] but its data is of type [%s]"
                .formatted(algorithm, printable(named)));
      }
      switch (algorithm) {
        case "ssh-ed25519" -> {
          if (field(b).length != 32) {
            throw new IllegalArgumentException("An Ed25519 key is 32 bytes");
          }
        }
        case "ssh-rsa" -> {
          var unusedExponent = field(b);
          int bits = new BigInteger(1, field(b)).bitLength();
          if (bits < MIN_RSA_BITS) {
            throw new IllegalArgumentException(
                "RSA key of %d bits; at least %d are needed".formatted(bits, MIN_RSA_BITS));
          }
        }
        case "sk-ssh-ed25519@openssh.com" -> {
          if (field(b).length != 32) {
            throw new IllegalArgumentException("An Ed25519 key is 32 bytes");
          }
          var unusedApplication = field(b);
        }
        default -> {
          // ECDSA, plain or security key: curve name, point, [application]
          String curve = new String(field(b), StandardCharsets.US_ASCII);
          String expected =
              algorithm.substring(algorithm.lastIndexOf('-') + 1).replace("@openssh.com", "");
          if (!curve.equals(expected)) {
            throw new IllegalArgumentException(
                "The key says [%s] but its data is on curve [%s]"
                    .formatted(algorithm, printable(curve)));
          }
          var unusedPoint = field(b);
          if (algorithm.startsWith("sk-")) {
            var unusedApplication = field(b);
          }
        }
      }
      if (b.hasRemaining()) {
        throw new IllegalArgumentException("The key has trailing data");
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("The key's data is truncated", e);
    }
  }

  private static byte[] field(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) {
      throw new IllegalArgumentException("The key's data is truncated");
    }
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  private static String printable(String s) {
    String cut = s.length() > MAX_COMMENT ? s.substring(0, MAX_COMMENT) : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
