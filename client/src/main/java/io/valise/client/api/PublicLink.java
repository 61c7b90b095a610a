package io.valise.client.api;

import java.time.Instant;
import java.util.Base64;

/**
 * {@code GET /api/links/{id}}: what anyone holding the link may learn before downloading.
 *
 * @param size the age file's size in bytes
 */
public record PublicLink(
    String id, Instant expiresAt, long size, boolean passwordRequired, String metadataBase64) {

  /** The sealed metadata (an age payload under the file key); empty if the sender gave none. */
  public byte[] metadata() {
    return Base64.getDecoder().decode(metadataBase64);
  }
}
