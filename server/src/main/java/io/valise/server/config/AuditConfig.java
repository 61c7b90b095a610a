package io.valise.server.config;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The audit log's settings.
 *
 * @param origin the log's name in its checkpoints ({@code audit.origin}); null: {@code valise/<16
 *     hex digits of the log key's hash>}, unique per installation
 * @param witnesses the cosignature verifier keys of the witnesses whose cosignatures the server
 *     accepts and serves ({@code audit.witnesses}, comma-separated)
 * @param sequenceInterval how often the sequencer looks for entries made on other nodes and renews
 *     its lease ({@code audit.sequence-interval}); entries made on the sequencing node are
 *     sequenced at once
 * @param receiptWait how long an upload or key publication waits for its entry's index before it
 *     answers without a receipt ({@code audit.receipt-wait})
 */
public record AuditConfig(
    @Nullable String origin,
    List<String> witnesses,
    Duration sequenceInterval,
    Duration receiptWait) {
  public static final AuditConfig DEFAULT =
      new AuditConfig(null, List.of(), Duration.ofSeconds(1), Duration.ofSeconds(10));

  public AuditConfig {
    witnesses = List.copyOf(witnesses);
    if (sequenceInterval.isNegative() || sequenceInterval.isZero()) {
      throw new IllegalArgumentException("audit.sequence-interval must be positive");
    }
    if (receiptWait.isNegative()) {
      throw new IllegalArgumentException("audit.receipt-wait must not be negative");
    }
  }
}
