package io.valise.tlog.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.security.auth.Destroyable;

/**
 * A private Ed25519 note key: a secret. Holds the 32-byte seed only, never prints it ({@link
 * #toString} is redacted), and wipes it on {@link #destroy}. Its text form, as Go's note package
 * writes it, is {@code PRIVATE+KEY+<name>+<key id>+<base64(0x01 || seed)>}; that form is handed out
 * and taken in as {@code char[]} so the caller can wipe it too.
 */
public final class NoteSigner implements Destroyable, AutoCloseable {
  private static final String PREFIX = "PRIVATE+KEY+";

  private final byte[] seed;
  private final byte[] publicKey;
  private final NoteVerifier verifier;
  private volatile boolean destroyed;

  private NoteSigner(String name, byte[] seed) {
    if (seed.length != Ed25519.KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, not " + seed.length);
    }
    this.seed = seed.clone();
    this.publicKey = Ed25519.publicKeyOfSeed(this.seed);
    this.verifier = NoteVerifier.of(name, publicKey);
  }

  /** A new key from the injected randomness. */
  public static NoteSigner generate(String name, SecureRandom random) {
    byte[] seed = new byte[Ed25519.KEY_SIZE];
    random.nextBytes(seed);
    try {
      return new NoteSigner(name, seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The key of a 32-byte RFC 8032 seed (copied; the caller wipes its own copy). */
  public static NoteSigner fromSeed(String name, byte[] seed) {
    return new NoteSigner(name, seed);
  }

  /** Parses the text form, checking the key id. Error messages never quote the key material. */
  public static NoteSigner parse(char[] text) throws NoteException {
    String head = new String(text, 0, Math.min(text.length, PREFIX.length()));
    if (!head.equals(PREFIX)) {
      throw new NoteException("a signer key starts with " + PREFIX);
    }
    int first = indexOf(text, '+', PREFIX.length());
    int second = first < 0 ? -1 : indexOf(text, '+', first + 1);
    if (second < 0) {
      throw new NoteException("a signer key is PRIVATE+KEY+<name>+<key id>+<key>");
    }
    String name = new String(text, PREFIX.length(), first - PREFIX.length());
    if (!Text.isValidName(name)) {
      throw new NoteException("bad key name in signer key " + Text.printable(name));
    }
    int id = Text.parseHexId(new String(text, first + 1, second - first - 1));
    byte[] encoded = new byte[text.length - second - 1];
    byte[] decoded = new byte[0];
    byte[] again = new byte[0];
    try {
      for (int i = 0; i < encoded.length; i++) {
        char c = text[second + 1 + i];
        if (c > 0x7f) {
          throw new NoteException("signer key " + name + " is not valid base64");
        }
        encoded[i] = (byte) c;
      }
      try {
        decoded = Base64.getDecoder().decode(encoded);
      } catch (IllegalArgumentException e) {
        throw new NoteException("signer key " + name + " is not valid base64");
      }
      again = Base64.getEncoder().encode(decoded);
      if (!MessageDigest.isEqual(again, encoded)) {
        throw new NoteException("signer key " + name + " is not canonical padded base64");
      }
      if (decoded.length != 1 + Ed25519.KEY_SIZE || decoded[0] != NoteVerifier.ED25519) {
        throw new NoteException(
            "signer key " + name + " is not an Ed25519 key (type 0x01 and 32 bytes)");
      }
      byte[] seed = Arrays.copyOfRange(decoded, 1, decoded.length);
      NoteSigner signer;
      try {
        signer = new NoteSigner(name, seed);
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
      if (signer.keyId() != id) {
        signer.destroy();
        throw new NoteException(
            "signer key " + name + "+" + Text.hexId(id) + " has the wrong key id");
      }
      return signer;
    } finally {
      Arrays.fill(encoded, (byte) 0);
      Arrays.fill(decoded, (byte) 0);
      Arrays.fill(again, (byte) 0);
    }
  }

  private static int indexOf(char[] text, char c, int from) {
    for (int i = from; i < text.length; i++) {
      if (text[i] == c) {
        return i;
      }
    }
    return -1;
  }

  public String name() {
    return verifier.name();
  }

  public int keyId() {
    return verifier.keyId();
  }

  /** The public half. */
  public NoteVerifier verifier() {
    return verifier;
  }

  /** The text form of this secret key; the caller wipes the array after use. */
  public char[] encode() {
    checkLive();
    byte[] typed = new byte[1 + Ed25519.KEY_SIZE];
    byte[] encoded = new byte[0];
    try {
      typed[0] = NoteVerifier.ED25519;
      System.arraycopy(seed, 0, typed, 1, Ed25519.KEY_SIZE);
      encoded = Base64.getEncoder().encode(typed);
      String head = PREFIX + verifier.label() + "+";
      char[] out = new char[head.length() + encoded.length];
      head.getChars(0, head.length(), out, 0);
      for (int i = 0; i < encoded.length; i++) {
        out[head.length() + i] = (char) encoded[i];
      }
      return out;
    } finally {
      Arrays.fill(typed, (byte) 0);
      Arrays.fill(encoded, (byte) 0);
    }
  }

  /** The 64-byte Ed25519 signature of {@code message}. */
  public byte[] sign(byte[] message) {
    checkLive();
    return Ed25519.sign(seed, publicKey, message);
  }

  byte[] sign(String text) {
    return sign(text.getBytes(StandardCharsets.UTF_8));
  }

  private void checkLive() {
    if (destroyed) {
      throw new IllegalStateException("signer key " + verifier.label() + " was destroyed");
    }
  }

  /** Wipes the seed; the key cannot sign afterwards. */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(seed, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Same as {@link #destroy}. */
  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "NoteSigner[" + verifier.label() + ", private key redacted]";
  }
}
