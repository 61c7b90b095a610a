package io.valise.core.retention;

import io.valise.core.id.EnvelopeId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One stored envelope as the retention report shows it: who, how big, until when.
 *
 * @param sender the sender's account name
 * @param recipients the recipients' account names, sorted
 * @param size the age file's size in bytes (header and payload)
 * @param maxDownloads null when only the expiry limits downloads
 * @param liveLinks share links that can still be used (not revoked, expired or used up)
 */
public record RetainedEnvelope(
    EnvelopeId id,
    String sender,
    List<String> recipients,
    long size,
    Instant createdAt,
    Instant expiresAt,
    int downloads,
    @Nullable Integer maxDownloads,
    int liveLinks) {
  public RetainedEnvelope {
    recipients = List.copyOf(recipients);
  }
}
