package io.valise.server.audit;

import io.valise.server.config.InstallationSecrets.ServerKey;
import io.valise.tlog.note.NoteSigner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The installation's checkpoint signing key: an Ed25519 seed derived from the server key (so every
 * node of an installation signs with the same key, and nothing more needs to be kept), named by the
 * log's origin.
 */
public final class LogKey {
  private static final String PURPOSE = "valise audit log checkpoint signing key v1";

  private LogKey() {}

  /**
   * The signer; {@code origin} null gives {@code valise/<first 8 bytes of SHA-256(public key),
   * hex>}.
   */
  public static NoteSigner signer(ServerKey key, @Nullable String origin) {
    byte[] seed = key.derive(PURPOSE);
    try {
      String name = origin;
      if (name == null) {
        try (NoteSigner probe = NoteSigner.fromSeed("valise", seed)) {
          byte[] digest = MessageDigest.getInstance("SHA-256").digest(probe.verifier().publicKey());
          name = "valise/" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
      }
      return NoteSigner.fromSeed(name, seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }
}
