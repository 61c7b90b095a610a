package io.valise.tlog.note;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Base64;

/**
 * A witness's cosigning key (c2sp.org/tlog-cosignature, Ed25519 {@code cosignature/v1}). It signs
 * with the seed of a {@link NoteSigner}, which stays the owner of the secret: destroying that
 * signer disables this cosigner. Per the spec, one Ed25519 key serves one cosigner only.
 */
public final class Cosigner {
  private final NoteSigner key;
  private final CosignatureVerifier verifier;

  private Cosigner(NoteSigner key) {
    this.key = key;
    this.verifier = CosignatureVerifier.of(key.name(), key.verifier().publicKey());
  }

  /** The cosigner with {@code key}'s name and Ed25519 key. */
  public static Cosigner of(NoteSigner key) {
    return new Cosigner(key);
  }

  public CosignatureVerifier verifier() {
    return verifier;
  }

  /**
   * Cosigns {@code checkpoint} at the clock's current time (whole seconds): the signature line to
   * append to the checkpoint's note. The caller has checked the checkpoint's consistency first.
   */
  public NoteSignature cosign(Checkpoint checkpoint, Clock clock) {
    long timestamp = clock.instant().getEpochSecond();
    if (timestamp < 0) {
      throw new IllegalArgumentException("a cosignature time is not before 1970");
    }
    byte[] signature = key.sign(CosignatureVerifier.signedMessage(checkpoint, timestamp));
    byte[] blob =
        ByteBuffer.allocate(4 + 8 + signature.length)
            .putInt(verifier.keyId())
            .putLong(timestamp)
            .put(signature)
            .array();
    return new NoteSignature(
        verifier.name(), verifier.keyId(), Base64.getEncoder().encodeToString(blob));
  }

  @Override
  public String toString() {
    return "Cosigner[" + verifier.label() + ", private key redacted]";
  }
}
