package io.valise.bench.audit;

import io.valise.core.audit.AuditEvent;
import io.valise.core.audit.AuditRepository;
import io.valise.server.audit.LogKey;
import io.valise.server.audit.Sequencer;
import io.valise.server.config.InstallationSecrets;
import io.valise.store.sql.SqlStore;
import io.valise.tlog.note.NoteSigner;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Fills a data directory's audit log with {@code COUNT} upload-like entries and sequences them with
 * the real sequencer and the installation's key, so that {@code valise audit verify --full} can be
 * timed over a large log. Run it while no server uses the directory.
 *
 * <pre>FillLog DATA_DIR COUNT [ENTRIES_FILE]</pre>
 *
 * <p>With {@code ENTRIES_FILE}, also writes every entry's bytes there, one after another: the bytes
 * the log hashes, for timing {@code sha256sum} over the same data.
 */
public final class FillLog {
  private static final int TRANSACTION = 10_000;

  private FillLog() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: FillLog DATA_DIR COUNT [ENTRIES_FILE]");
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    long count = Long.parseLong(args[1]);
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    NoteSigner signer;
    try (var key = InstallationSecrets.load(data, random).key()) {
      signer = LogKey.signer(key, null);
    }
    try (SqlStore store =
        SqlStore.open(
            "jdbc:sqlite:" + data.toAbsolutePath().resolve("valise.db"), null, null, clock)) {
      AuditRepository log = store.audit();
      Sequencer sequencer =
          new Sequencer(
              log,
              store.transactions(),
              store.leases(),
              signer,
              clock,
              "fill-log",
              Duration.ofSeconds(1),
              System.err);
      HexFormat hex = HexFormat.of();
      long done = 0;
      while (done < count) {
        long batch = Math.min(TRANSACTION, count - done);
        store
            .transactions()
            .inTransaction(
                () -> {
                  for (long i = 0; i < batch; i++) {
                    byte[] h = new byte[64];
                    random.nextBytes(h);
                    var unused = log.append(entry(clock.instant(), hex, h));
                  }
                  return Boolean.TRUE;
                });
        done += batch;
        while (sequencer.pass() > 0) {
          // Sequence as we go, in the sequencer's own batches.
        }
        System.err.printf("\rfill-log: %d of %d entries", done, count);
      }
      long size = log.head().size();
      System.err.printf("%nfill-log: tree size %d%n", size);
      if (args.length == 3) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[2])))) {
          for (long start = 0; start < size; start += TRANSACTION) {
            for (var e : log.entries(start, Math.min(size, start + TRANSACTION))) {
              out.write(e.entry().toByteArray());
            }
          }
        }
      }
    }
  }

  /** An entry shaped like an upload's: ids, two SHA-256 hashes, times. */
  private static AuditEvent entry(Instant now, HexFormat hex, byte[] random) {
    String envelope = hex.formatHex(random, 0, 13);
    return AuditEvent.of("envelope.upload", now)
        .put("actor", hex.formatHex(random, 13, 26))
        .put("actorName", "lab-bench")
        .put("from", "127.0.0.1")
        .put("via", "token")
        .put("envelope", envelope)
        .put("sender", hex.formatHex(random, 13, 26))
        .put("recipients", hex.formatHex(random, 26, 39))
        .put("size", 4096L)
        .put("headerSha256", hex.formatHex(random, 0, 32))
        .put("payloadSha256", hex.formatHex(random, 32, 64))
        .put("expiresAt", now.plus(Duration.ofDays(7)))
        .build();
  }
}
