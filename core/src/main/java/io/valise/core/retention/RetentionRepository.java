package io.valise.core.retention;

import java.time.Instant;
import java.util.List;

/**
 * Reads what is stored for the retention report. Throws {@link io.valise.core.tx.StoreException}
 * when the store fails.
 */
public interface RetentionRepository {
  /**
   * Every stored envelope, including those that expired but are not purged yet, soonest expiry
   * first; live links are counted at {@code now}.
   */
  List<RetainedEnvelope> envelopes(Instant now);
}
