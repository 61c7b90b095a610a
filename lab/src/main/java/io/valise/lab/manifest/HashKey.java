package io.valise.lab.manifest;

import io.valise.age.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The secret of the keyed hashes (HMAC-SHA256) in manifests and pseudonymised outputs: 32 bytes the
 * data protection officer makes and gives to the lab. It is never sent to the server. Its file
 * holds the key in base64 on one line. Prints as {@code HashKey[REDACTED]}.
 */
public final class HashKey extends SecretBytes {
  /** The key's length in bytes. */
  public static final int LENGTH = 32;

  private static final String STATS_LABEL = "valise lab stats pseudonym v1";

  /** Made on first use and reused: one instance is used by one thread. */
  private @Nullable Mac mac;

  private HashKey(byte[] owned) {
    super(owned);
  }

  /** A new random key. */
  public static HashKey generate(SecureRandom random) {
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    return new HashKey(b);
  }

  /**
   * Reads a key file: base64 of 32 bytes, surrounding white space ignored.
   *
   * @throws IOException if it cannot be read or does not hold a key (the message never repeats the
   *     content)
   */
  public static HashKey read(Path file) throws IOException {
    byte[] text = Files.readAllBytes(file);
    try {
      return parse(text, file.toString());
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  static HashKey parse(byte[] text, String source) throws IOException {
    int start = 0;
    int end = text.length;
    while (start < end && Character.isWhitespace(text[start])) {
      start++;
    }
    while (end > start && Character.isWhitespace(text[end - 1])) {
      end--;
    }
    byte[] trimmed = Arrays.copyOfRange(text, start, end);
    byte[] b;
    try {
      b = Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": not a hash key (base64 of 32 bytes on one line)");
    } finally {
      Arrays.fill(trimmed, (byte) 0);
    }
    if (b.length != LENGTH) {
      Arrays.fill(b, (byte) 0);
      throw new IOException(source + ": not a hash key (base64 of 32 bytes on one line)");
    }
    return new HashKey(b);
  }

  /** The key file's content: base64 and a line feed. The caller wipes it after writing. */
  public byte[] fileContent() {
    byte[] encoded = Base64.getEncoder().encode(secret());
    byte[] out = Arrays.copyOf(encoded, encoded.length + 1);
    out[encoded.length] = '\n';
    Arrays.fill(encoded, (byte) 0);
    return out;
  }

  /** HMAC-SHA256 of the UTF-8 bytes of {@code text} under this key, in lower-case hex. */
  public String hmacHex(String text) {
    byte[] key = secret();
    Mac m = mac;
    if (m == null) {
      m = mac(key);
      mac = m;
    }
    return HexFormat.of().formatHex(m.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The key of pseudonyms in statistics outputs: HMAC-SHA256 of {@code "valise lab stats pseudonym
   * v1"} under this key, so a statistics file's {@code nir_hash} is not the manifest's NIR hash.
   */
  public HashKey statsKey() {
    return new HashKey(hmac(secret(), STATS_LABEL.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A new HMAC-SHA256 under this key for one thread, which reuses its state: the SHA-256 states
   * after the key's inner and outer pad blocks are computed once and copied for each hash, as RFC
   * 2104 section 4 suggests, so a short message costs two compressions instead of four. It holds
   * those states (as secret as the key) until it is garbage; a {@link Mac} holds its padded keys
   * the same way.
   */
  public Hmac hmac() {
    return new Hmac(secret());
  }

  /** HMAC-SHA256 under one key, for one thread (see {@link HashKey#hmac()}). */
  public static final class Hmac {
    /** The length of a hash. */
    public static final int LENGTH = 32;

    private static final int BLOCK = 64;
    private final MessageDigest inner;
    private final MessageDigest outer;

    private Hmac(byte[] key) {
      if (key.length > BLOCK) {
        throw new IllegalArgumentException("a key longer than a SHA-256 block");
      }
      byte[] pad = new byte[BLOCK];
      try {
        inner = MessageDigest.getInstance("SHA-256");
        outer = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < BLOCK; i++) {
          pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x36);
        }
        inner.update(pad);
        for (int i = 0; i < BLOCK; i++) {
          pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x5c);
        }
        outer.update(pad);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SHA-256 is not available", e);
      } finally {
        Arrays.fill(pad, (byte) 0);
      }
    }

    /** Writes the HMAC of {@code len} bytes of {@code in} from {@code off} to {@code out}. */
    public void mac(byte[] in, int off, int len, byte[] out, int outOff) {
      try {
        MessageDigest i = (MessageDigest) inner.clone();
        i.update(in, off, len);
        i.digest(out, outOff, LENGTH);
        MessageDigest o = (MessageDigest) outer.clone();
        o.update(out, outOff, LENGTH);
        o.digest(out, outOff, LENGTH);
      } catch (CloneNotSupportedException | GeneralSecurityException e) {
        throw new IllegalStateException("SHA-256 state cannot be copied", e);
      }
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    return mac(key).doFinal(data);
  }

  private static Mac mac(byte[] key) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public void destroy() {
    mac = null;
    super.destroy();
  }
}
