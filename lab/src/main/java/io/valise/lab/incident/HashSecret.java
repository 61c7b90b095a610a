package io.valise.lab.incident;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * The data protection officer's hash key (the file {@code valise lab hash-key} writes: base64 of 32
 * bytes on one line), for HMAC-SHA256 of a lab's patient file in {@code incident notify}. Prints as
 * {@code HashSecret[REDACTED]}; {@link #close()} wipes it. One instance is used by one thread.
 */
public final class HashSecret implements Destroyable, AutoCloseable {
  /** The key's length in bytes. */
  public static final int LENGTH = 32;

  private final byte[] key;
  private final Mac mac;
  private boolean destroyed;

  private HashSecret(byte[] owned) {
    this.key = owned;
    try {
      this.mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** A key of these bytes (copied), for tests. */
  public static HashSecret of(byte[] bytes) throws IncidentException {
    if (bytes.length != LENGTH) {
      throw new IncidentException("a hash key has 32 bytes");
    }
    return new HashSecret(bytes.clone());
  }

  /**
   * Reads a key file.
   *
   * @throws IOException if it cannot be read or is not base64 of 32 bytes (the message never quotes
   *     it)
   */
  public static HashSecret read(Path file) throws IOException {
    byte[] text = Files.readAllBytes(file);
    byte[] b = null;
    try {
      String s = new String(text, StandardCharsets.US_ASCII).strip();
      b = Base64.getDecoder().decode(s);
      if (b.length != LENGTH) {
        throw new IllegalArgumentException();
      }
      return new HashSecret(b);
    } catch (IllegalArgumentException e) {
      if (b != null) {
        Arrays.fill(b, (byte) 0);
      }
      throw new IncidentException(file + ": not a hash key (base64 of 32 bytes on one line)");
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  /** HMAC-SHA256 of the UTF-8 bytes of {@code text}, lower-case hex. */
  public String hmacHex(String text) {
    if (destroyed) {
      throw new IllegalStateException("HashSecret was destroyed");
    }
    return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(key, (byte) 0);
    mac.reset();
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "HashSecret[REDACTED]";
  }
}
