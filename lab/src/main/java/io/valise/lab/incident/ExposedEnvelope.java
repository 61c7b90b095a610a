package io.valise.lab.incident;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One exposed envelope.
 *
 * @param id the envelope id
 * @param exposure the most serious way it was exposed
 * @param reasons every reason found, most serious first, in plain words
 * @param uploadedAt when it was uploaded, null if the log has no upload entry for it
 * @param goneAt when it was purged or withdrawn, null if the log says neither
 * @param expiresAt its expiry from the upload entry, null if unknown
 * @param sender the sender's account name (or id), null if unknown
 * @param clearIngress true if it came in clear through the SFTP gateway
 */
public record ExposedEnvelope(
    String id,
    Exposure exposure,
    List<String> reasons,
    @Nullable Instant uploadedAt,
    @Nullable Instant goneAt,
    @Nullable Instant expiresAt,
    @Nullable String sender,
    boolean clearIngress) {
  /** Copies the reasons. */
  public ExposedEnvelope {
    reasons = List.copyOf(reasons);
  }
}
