package io.valise.server.api.envelope;

import io.valise.core.blob.BlobStore;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.envelope.PurgeCandidate;
import io.valise.server.health.Metrics;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Purges envelopes that expired or used up their downloads: the metadata row first (so nothing can
 * be downloaded any more), then the payload blob. The header and metadata live in the row. Run
 * every few seconds by the server, so a purge happens well within a minute.
 */
public final class Sweeper {
  private static final int BATCH = 200;

  private final EnvelopeRepository envelopes;
  private final BlobStore blobs;
  private final Clock clock;
  private final Metrics metrics;
  private final PrintStream log;

  public Sweeper(
      EnvelopeRepository envelopes,
      BlobStore blobs,
      Clock clock,
      Metrics metrics,
      PrintStream log) {
    this.envelopes = envelopes;
    this.blobs = blobs;
    this.clock = clock;
    this.metrics = metrics;
    this.log = log;
  }

  /** One pass; returns how many envelopes were purged. Never throws (a scheduled task must not). */
  public int sweepOnce() {
    int purged = 0;
    try {
      while (true) {
        var batch = envelopes.expiredOrExhausted(clock.instant(), BATCH);
        for (PurgeCandidate c : batch) {
          if (envelopes.delete(c.id())) {
            purged++;
          }
          blobs.delete(c.payload());
        }
        if (batch.size() < BATCH) {
          break;
        }
      }
    } catch (RuntimeException | IOException e) {
      log.println("valise: sweep failed, will retry: " + e);
    }
    metrics.purged(purged);
    return purged;
  }
}
