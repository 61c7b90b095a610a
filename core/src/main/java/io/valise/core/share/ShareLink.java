package io.valise.core.share;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.EnvelopeId;
import io.valise.core.id.ShareId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A share link to one envelope. The link's secret (an age identity, after the {@code #}) never
 * reaches the server; what is stored here is only what the server enforces.
 *
 * @param header the link's own age header: one stanza wrapping the envelope's file key to the
 *     link's identity, made by the client; served instead of the envelope's header
 * @param createdBy the account that made the link (the sender or a recipient), who may revoke it
 * @param expiresAt required
 * @param maxDownloads the most uses allowed, or null for no count limit
 * @param downloads the uses reserved so far
 * @param passwordHash an encoded password hash (opaque here), or null if the link has no password
 * @param revokedAt when the link was revoked, or null while it stands
 */
public record ShareLink(
    ShareId id,
    EnvelopeId envelope,
    OpaqueBytes header,
    AccountId createdBy,
    Instant createdAt,
    Instant expiresAt,
    @Nullable Integer maxDownloads,
    int downloads,
    @Nullable String passwordHash,
    @Nullable Instant revokedAt) {
  /**
   * @throws IllegalArgumentException naming the bad value
   */
  public ShareLink {
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException(
          "Share link [%s] expires at [%s], not after its creation at [%s]"
              .formatted(id, expiresAt, createdAt));
    }
    if (header.length() == 0) {
      throw new IllegalArgumentException("Share link [%s] has an empty header".formatted(id));
    }
    if (maxDownloads != null && maxDownloads < 1) {
      throw new IllegalArgumentException(
          "Share link [%s] allows [%d] uses, expected at least 1".formatted(id, maxDownloads));
    }
    if (downloads < 0) {
      throw new IllegalArgumentException(
          "Share link [%s] has [%d] uses, expected at least 0".formatted(id, downloads));
    }
    if (passwordHash != null && (passwordHash.isBlank() || passwordHash.length() > 512)) {
      throw new IllegalArgumentException(
          "Share link [%s] has a blank or over-long password hash".formatted(id));
    }
    if (revokedAt != null && revokedAt.isBefore(createdAt)) {
      throw new IllegalArgumentException(
          "Share link [%s] revoked at [%s], before its creation".formatted(id, revokedAt));
    }
  }

  /** A new link with no use yet. */
  public static ShareLink create(
      ShareId id,
      EnvelopeId envelope,
      OpaqueBytes header,
      AccountId createdBy,
      Instant createdAt,
      Instant expiresAt,
      @Nullable Integer maxDownloads,
      @Nullable String passwordHash) {
    return new ShareLink(
        id, envelope, header, createdBy, createdAt, expiresAt, maxDownloads, 0, passwordHash, null);
  }

  /** Whether the link may still be used at {@code now}. */
  public boolean usableAt(Instant now) {
    return revokedAt == null
        && now.isBefore(expiresAt)
        && (maxDownloads == null || downloads < maxDownloads);
  }
}
