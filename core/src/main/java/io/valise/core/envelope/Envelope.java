package io.valise.core.envelope;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.BlobId;
import io.valise.core.id.EnvelopeId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One encrypted file as the server knows it. The server holds only ciphertext: the age header
 * (recipient stanzas and MAC) is kept here, apart from the payload (the STREAM chunks, in the blob
 * store under {@code payload}), so that adding a recipient replaces the header and never touches
 * the payload. File name and media type are inside {@code metadata}, which is encrypted by the
 * client.
 *
 * @param expiresAt required: nothing is kept for ever; after it the envelope is purged
 * @param maxDownloads the most downloads allowed, or null for no count limit (expiry still holds)
 * @param downloads the downloads reserved so far
 * @param payloadLength the payload's size in bytes, as stored in the blob store
 * @param recipients the accounts the header is encrypted to, without repetition
 */
public record Envelope(
    EnvelopeId id,
    AccountId sender,
    Instant createdAt,
    Instant expiresAt,
    @Nullable Integer maxDownloads,
    int downloads,
    BlobId payload,
    long payloadLength,
    OpaqueBytes header,
    OpaqueBytes metadata,
    List<AccountId> recipients) {
  /**
   * @throws IllegalArgumentException naming the bad value
   */
  public Envelope {
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException(
          "Envelope [%s] expires at [%s], not after its creation at [%s]"
              .formatted(id, expiresAt, createdAt));
    }
    if (maxDownloads != null && maxDownloads < 1) {
      throw new IllegalArgumentException(
          "Envelope [%s] allows [%d] downloads, expected at least 1".formatted(id, maxDownloads));
    }
    if (downloads < 0) {
      throw new IllegalArgumentException(
          "Envelope [%s] has [%d] downloads, expected at least 0".formatted(id, downloads));
    }
    if (payloadLength < 0) {
      throw new IllegalArgumentException(
          "Envelope [%s] has payload length [%d]".formatted(id, payloadLength));
    }
    if (header.length() == 0) {
      throw new IllegalArgumentException("Envelope [%s] has an empty header".formatted(id));
    }
    recipients = List.copyOf(recipients);
    if (new HashSet<>(recipients).size() != recipients.size()) {
      throw new IllegalArgumentException(
          "Envelope [%s] lists a recipient twice: %s".formatted(id, recipients));
    }
  }

  /** Whether the envelope may still be downloaded at {@code now}. */
  public boolean availableAt(Instant now) {
    return now.isBefore(expiresAt) && (maxDownloads == null || downloads < maxDownloads);
  }

  /** Whether {@code account} may see this envelope: it is the sender or a recipient. */
  public boolean visibleTo(AccountId account) {
    return sender.equals(account) || recipients.contains(account);
  }
}
