package io.valise.tlog.note;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * A public Ed25519 note key with its name and key id. Its text form, as Go's note package writes
 * it, is {@code <name>+<8 hex digits of key id>+<base64(0x01 || 32-byte public key)>}.
 */
public final class NoteVerifier {
  /** The signature type byte of Ed25519 in C2SP signed notes. */
  static final byte ED25519 = 0x01;

  private final String name;
  private final int keyId;
  private final byte[] publicKey;
  private final PublicKey jdkKey;

  private NoteVerifier(String name, byte[] publicKey) {
    Text.requireValidName(name);
    this.name = name;
    this.publicKey = publicKey.clone();
    this.jdkKey = Ed25519.publicKey(this.publicKey);
    this.keyId = Text.keyId(name, ED25519, this.publicKey);
  }

  /** The verifier of a raw 32-byte Ed25519 public key. */
  public static NoteVerifier of(String name, byte[] publicKey) {
    return new NoteVerifier(name, publicKey);
  }

  /** The verifier of a JDK Ed25519 public key. */
  public static NoteVerifier of(String name, PublicKey publicKey) {
    return new NoteVerifier(name, Ed25519.rawPublicKey(publicKey));
  }

  /** Parses the text form, checking the key id against the key. */
  public static NoteVerifier parse(String text) throws NoteException {
    VerifierKeyText parts =
        VerifierKeyText.parse(text, ED25519, "an Ed25519 key (type 0x01 and 32 bytes)");
    String name = parts.name();
    int id = parts.id();
    NoteVerifier verifier;
    try {
      verifier = new NoteVerifier(name, parts.publicKey());
    } catch (IllegalArgumentException e) {
      throw new NoteException("verifier key " + name + " is not a valid Ed25519 key");
    }
    if (verifier.keyId != id) {
      throw new NoteException(
          "verifier key "
              + name
              + "+"
              + Text.hexId(id)
              + " has the wrong key id (the key's is "
              + Text.hexId(verifier.keyId)
              + ")");
    }
    return verifier;
  }

  public String name() {
    return name;
  }

  /** First 4 bytes, big-endian, of SHA-256(name || 0x0A || 0x01 || public key). */
  public int keyId() {
    return keyId;
  }

  /** The raw 32-byte public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** {@code name+keyid}, how messages name this key. */
  public String label() {
    return name + "+" + Text.hexId(keyId);
  }

  /** The text form. */
  public String encode() {
    byte[] typed = new byte[1 + Ed25519.KEY_SIZE];
    typed[0] = ED25519;
    System.arraycopy(publicKey, 0, typed, 1, Ed25519.KEY_SIZE);
    return label() + "+" + Base64.getEncoder().encodeToString(typed);
  }

  /** Whether {@code signature} (64 bytes, without key id) is this key's over {@code message}. */
  public boolean verify(byte[] message, byte[] signature) {
    return Ed25519.verify(jdkKey, message, signature);
  }

  boolean verify(String text, byte[] signature) {
    return verify(text.getBytes(StandardCharsets.UTF_8), signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteVerifier v
        && v.name.equals(name)
        && Arrays.equals(v.publicKey, publicKey);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return encode();
  }
}
