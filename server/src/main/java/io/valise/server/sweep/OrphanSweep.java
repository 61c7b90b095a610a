package io.valise.server.sweep;

import io.valise.core.blob.BlobStore;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.id.BlobId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes committed payload blobs that no envelope names: left by a crash between the blob commit
 * and the envelope commit of an upload, or by a purge whose blob delete failed. Order matters: the
 * blobs are listed first and only those older than the grace period are candidates, then the
 * referenced ids are read. An upload commits its envelope right after its blob, so a blob older
 * than the grace period whose envelope is not there by now has none.
 */
final class OrphanSweep {
  private static final int PAGE = 1000;

  private final EnvelopeRepository envelopes;
  private final BlobStore blobs;
  private final Duration grace;

  OrphanSweep(EnvelopeRepository envelopes, BlobStore blobs, Duration grace) {
    this.envelopes = envelopes;
    this.blobs = blobs;
    this.grace = grace;
  }

  /** One pass at {@code now}; returns how many blobs were deleted. */
  int sweep(Instant now) throws IOException {
    Instant cutoff = now.minus(grace);
    Set<BlobId> old = new HashSet<>();
    for (BlobId id : blobs.list()) {
      Optional<Instant> written = blobs.writtenAt(id);
      if (written.isPresent() && !written.get().isAfter(cutoff)) {
        old.add(id);
      }
    }
    if (old.isEmpty()) {
      return 0;
    }
    BlobId after = null;
    while (true) {
      List<BlobId> page = envelopes.payloadsAfter(after, PAGE);
      page.forEach(old::remove);
      if (page.size() < PAGE) {
        break;
      }
      after = page.getLast();
    }
    int deleted = 0;
    for (BlobId orphan : old) {
      if (blobs.delete(orphan)) {
        deleted++;
      }
    }
    return deleted;
  }
}
