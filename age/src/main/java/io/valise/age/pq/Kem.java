package io.valise.age.pq;

import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A key encapsulation mechanism as HPKE sees it (RFC 9180 section 4): {@code Encap} on the sender
 * side, {@code Decap} through a {@link PrivateKey}.
 */
interface Kem {
  /** The two-byte KEM identifier of the HPKE registry, for example {@code 0x647a}. */
  int id();

  /**
   * Generates a shared secret and its encapsulation to {@code publicKey}, drawing all randomness
   * from {@code random}. The caller closes the result to wipe the shared secret.
   *
   * @throws InvalidKeyException if {@code publicKey} is not a valid key of this KEM
   */
  Encapsulation encapsulate(byte[] publicKey, SecureRandom random) throws InvalidKeyException;

  /** The receiving side of a KEM. {@link #close()} wipes the key. */
  interface PrivateKey extends AutoCloseable {
    /** The KEM this key belongs to. */
    Kem kem();

    /** A copy of the serialized public key. */
    byte[] publicKey();

    /**
     * Recovers the shared secret from {@code enc}; the caller wipes it after use. A KEM with
     * implicit rejection returns an unrelated secret for a tampered {@code enc} rather than
     * failing.
     *
     * @throws InvalidKeyException if {@code enc} is malformed or yields a forbidden value (for
     *     example an X25519 point of small order)
     * @throws IllegalStateException if this key was closed
     */
    byte[] decapsulate(byte[] enc) throws InvalidKeyException;

    @Override
    void close();
  }

  /** A shared secret with its encapsulation. {@link #close()} wipes the secret. */
  final class Encapsulation implements AutoCloseable {
    private final byte[] sharedSecret;
    private final byte[] enc;

    /** Takes ownership of both arrays. */
    Encapsulation(byte[] sharedSecret, byte[] enc) {
      this.sharedSecret = sharedSecret;
      this.enc = enc;
    }

    /** The shared secret itself, not a copy: do not keep it past {@link #close()}. */
    byte[] sharedSecret() {
      return sharedSecret;
    }

    /** A copy of the encapsulation. */
    byte[] enc() {
      return enc.clone();
    }

    @Override
    public void close() {
      Arrays.fill(sharedSecret, (byte) 0);
    }
  }
}
