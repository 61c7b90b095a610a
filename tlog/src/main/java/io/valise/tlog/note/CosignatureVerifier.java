package io.valise.tlog.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * A witness's public Ed25519 cosigning key (c2sp.org/tlog-cosignature, {@code cosignature/v1}). Its
 * key id uses signature type 0x04, so it differs from the same key's note key id; its text form is
 * {@code <name>+<key id>+<base64(0x04 || public key)>}.
 */
public final class CosignatureVerifier {
  /** The signature type byte of Ed25519 {@code cosignature/v1}. */
  static final byte COSIGNATURE_V1 = 0x04;

  private static final int BLOB_SIZE = 4 + 8 + Ed25519.SIGNATURE_SIZE;

  private final String name;
  private final int keyId;
  private final byte[] publicKey;
  private final PublicKey jdkKey;

  private CosignatureVerifier(String name, byte[] publicKey) {
    Text.requireValidName(name);
    this.name = name;
    this.publicKey = publicKey.clone();
    this.jdkKey = Ed25519.publicKey(this.publicKey);
    this.keyId = Text.keyId(name, COSIGNATURE_V1, this.publicKey);
  }

  /** The cosignature verifier of a raw 32-byte Ed25519 public key. */
  public static CosignatureVerifier of(String name, byte[] publicKey) {
    return new CosignatureVerifier(name, publicKey);
  }

  /** Parses the text form (type 0x04), checking the key id against the key. */
  public static CosignatureVerifier parse(String text) throws NoteException {
    VerifierKeyText parts =
        VerifierKeyText.parse(
            text, COSIGNATURE_V1, "an Ed25519 cosignature key (type 0x04 and 32 bytes)");
    String name = parts.name();
    int id = parts.id();
    CosignatureVerifier verifier;
    try {
      verifier = new CosignatureVerifier(name, parts.publicKey());
    } catch (IllegalArgumentException e) {
      throw new NoteException("verifier key " + name + " is not a valid Ed25519 key");
    }
    if (verifier.keyId != id) {
      throw new NoteException(
          "verifier key " + name + "+" + Text.hexId(id) + " has the wrong key id");
    }
    return verifier;
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  public String label() {
    return name + "+" + Text.hexId(keyId);
  }

  public String encode() {
    byte[] typed = new byte[1 + Ed25519.KEY_SIZE];
    typed[0] = COSIGNATURE_V1;
    System.arraycopy(publicKey, 0, typed, 1, Ed25519.KEY_SIZE);
    return label() + "+" + Base64.getEncoder().encodeToString(typed);
  }

  /** The message a {@code cosignature/v1} signs: header, time line, then the checkpoint body. */
  static byte[] signedMessage(Checkpoint checkpoint, long timestamp) {
    return ("cosignature/v1\ntime " + timestamp + "\n" + checkpoint.text())
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * This witness's cosignature among the note's signature lines, if there is one: its timestamp
   * (POSIX seconds). A line with this key's name and id that does not verify is refused.
   */
  public OptionalLong find(SignedNote note) throws NoteException {
    Checkpoint checkpoint = Checkpoint.parse(note.text());
    OptionalLong found = OptionalLong.empty();
    for (NoteSignature signature : note.unverified()) {
      if (signature.name().equals(name) && signature.keyId() == keyId) {
        found = OptionalLong.of(verify(checkpoint, signature));
      }
    }
    return found;
  }

  /** Verifies one cosignature line of this key over {@code checkpoint}; returns its timestamp. */
  public long verify(Checkpoint checkpoint, NoteSignature signature) throws NoteException {
    if (!signature.name().equals(name) || signature.keyId() != keyId) {
      throw new NoteException("cosignature by " + signature.label() + " is not by " + label());
    }
    byte[] blob = Base64.getDecoder().decode(signature.base64());
    if (blob.length != BLOB_SIZE) {
      throw new NoteException(
          "cosignature by " + label() + " is " + blob.length + " bytes, not " + BLOB_SIZE);
    }
    long timestamp = ByteBuffer.wrap(blob, 4, 8).getLong();
    if (timestamp < 0) {
      throw new NoteException("cosignature by " + label() + " has a timestamp above 2^63-1");
    }
    byte[] sig = Arrays.copyOfRange(blob, 12, blob.length);
    if (!Ed25519.verify(jdkKey, signedMessage(checkpoint, timestamp), sig)) {
      throw new NoteException("invalid cosignature for key " + label());
    }
    return timestamp;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CosignatureVerifier v
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
