package io.valise.client.api;

import java.time.Instant;

/**
 * An SSH public key registered for SFTP login, as the server describes it.
 *
 * @param fingerprint SHA-256, {@code SHA256:...} as {@code ssh-keygen -l} prints it
 */
public record SshKeyInfo(
    String id, String algorithm, String fingerprint, String comment, Instant addedAt) {}
