package io.valise.client.api;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An envelope's public facts (the server's envelope JSON).
 *
 * @param size the age file's size (header and payload) in bytes
 * @param metadataBase64 the sealed metadata, base64; empty if none
 * @param links the share links (only the sender sees them; empty otherwise or on older servers)
 */
public record EnvelopeInfo(
    String id,
    String sender,
    List<String> recipients,
    Instant createdAt,
    Instant expiresAt,
    @Nullable Integer maxDownloads,
    int downloads,
    long size,
    String metadataBase64,
    List<LinkInfo> links) {

  public EnvelopeInfo {
    recipients = List.copyOf(recipients);
    links = List.copyOf(links);
  }

  /** The sealed metadata bytes. */
  public byte[] metadata() {
    return Base64.getDecoder().decode(metadataBase64);
  }

  /** Downloads left, or null when there is no limit. */
  public @Nullable Integer downloadsLeft() {
    return maxDownloads == null ? null : Math.max(0, maxDownloads - downloads);
  }
}
