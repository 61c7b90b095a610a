package io.valise.server.config;

import io.valise.age.secret.SecretBytes;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The per-installation secrets under {@code DATA/secrets}: a random 256-bit server key (for
 * encrypting TOTP secrets and deriving the audit log's checkpoint signing key), made on first start
 * with mode 0600 in a 0700 directory, never replaced.
 */
public final class InstallationSecrets {
  static final int KEY_BYTES = 32;

  private InstallationSecrets() {}

  /** The server key, and whether it was just created. */
  public record Loaded(ServerKey key, boolean created) {}

  /** A 256-bit key that prints as [REDACTED] and wipes itself on close. */
  public static final class ServerKey extends SecretBytes {
    ServerKey(byte[] bytes) {
      super(bytes);
    }

    /**
     * A 256-bit key for one purpose, HMAC-SHA256 of the purpose under the server key, so that the
     * TOTP key and later signing keys never coincide. The caller wipes it.
     */
    public byte[] derive(String purpose) {
      try {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret(), "HmacSHA256"));
        return mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
      }
    }
  }

  /**
   * Loads the server key, creating it on first start.
   *
   * @throws IOException if it cannot be read or created, or has the wrong size
   */
  public static Loaded load(Path dataDir, SecureRandom random) throws IOException {
    Path dir = dataDir.resolve("secrets");
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path file = dir.resolve("server.key");
    boolean created = false;
    if (!Files.exists(file)) {
      byte[] key = new byte[KEY_BYTES];
      random.nextBytes(key);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, key, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        created = true;
      } catch (FileAlreadyExistsException e) {
        // Another process made it first; read theirs.
      } finally {
        java.util.Arrays.fill(key, (byte) 0);
      }
    }
    if (!Files.getPosixFilePermissions(file)
        .equals(
            Set.of(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE))) {
      throw new IOException(file + " must have mode 0600");
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length != KEY_BYTES) {
      throw new IOException(file + " holds " + bytes.length + " bytes, expected " + KEY_BYTES);
    }
    return new Loaded(new ServerKey(bytes), created);
  }
}
