package io.valise.core.sshkey;

import io.valise.core.id.AccountId;
import io.valise.core.id.SshKeyId;
import java.time.Instant;

/**
 * An SSH public key registered by an account for SFTP login. Only the public key is stored.
 *
 * @param publicKey the key in canonical OpenSSH form, algorithm and base64 blob, no comment
 * @param comment what the owner called it (the OpenSSH comment, or a name given at registration);
 *     printable text, at most {@link SshPublicKey#MAX_COMMENT} characters
 */
public record SshKey(
    SshKeyId id, AccountId account, SshPublicKey publicKey, String comment, Instant addedAt) {
  /** The key's SHA-256 fingerprint, {@code SHA256:} and unpadded base64, as OpenSSH prints it. */
  public String fingerprint() {
    return publicKey.fingerprint();
  }
}
