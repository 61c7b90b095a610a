package io.valise.lab.profile;

import io.valise.lab.geo.Geography;
import io.valise.lab.ident.Nir;
import io.valise.lab.input.RecordBatch;
import io.valise.lab.input.RecordSource;
import io.valise.lab.manifest.HashKey;
import io.valise.lab.manifest.ManifestWriter;
import io.valise.lab.manifest.PersonHasher;
import io.valise.lab.manifest.PersonLines;
import io.valise.lab.record.ByteSink;
import io.valise.lab.record.CsvWriter;
import io.valise.lab.record.LabRecord;
import io.valise.lab.record.Problem;
import io.valise.lab.record.RecordValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * One run of a profile over an input, in constant memory: each record is read, validated, and
 * either written to the output of every group it routes to (a CSV file with exactly the output's
 * fields, opened through {@link Sinks} when the group gets its first record) with a person line in
 * the manifest, or listed in the reject report. Nothing is kept per record.
 */
public final class Transmission {
  /** Header of the reject report. */
  public static final List<String> REJECT_HEADER = List.of("row", "field", "reason");

  private final Profile profile;
  private final RecordValidator validator;
  private final Geography geo;
  private final HashKey key;

  public Transmission(Profile profile, RecordValidator validator, Geography geo, HashKey key) {
    this.profile = profile;
    this.validator = validator;
    this.geo = geo;
    this.key = key;
  }

  /** Opens the (encrypting) stream of a group's file; called once per group, when it is needed. */
  @FunctionalInterface
  public interface Sinks {
    OutputStream open(String group, Output output) throws IOException;
  }

  /** How many records one group's file holds. */
  public record GroupCount(String group, Output output, long records) {}

  /**
   * What a run did.
   *
   * @param read records read from the input
   * @param rejected records not sent because they were invalid
   * @param groups the groups that received records, in the order they first did
   */
  public record Result(long read, long rejected, List<GroupCount> groups) {
    public Result {
      groups = List.copyOf(groups);
    }

    /** Whether every record read could be sent. */
    public boolean allValid() {
      return rejected == 0;
    }
  }

  /**
   * Reads all of {@code in}, on as many threads as there are processors (see {@link
   * #run(RecordSource, Sinks, ManifestWriter, CsvWriter, int)}).
   */
  public Result run(RecordSource in, Sinks sinks, ManifestWriter manifest, CsvWriter rejects)
      throws IOException {
    return run(in, sinks, manifest, rejects, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Reads all of {@code in}. Group files are closed (so their encryption is finished) before this
   * returns normally; on an exception the caller discards them.
   *
   * <p>Batches of records ({@link RecordSource#nextBatch()}) are parsed, validated, hashed and
   * turned into the bytes of each group's file and of the manifest on {@code threads} worker
   * threads; the calling thread writes each batch's bytes in input order, so every file, the
   * manifest and the reject report are the same whatever the number of threads. At most {@code 2 *
   * threads + 1} batches are in memory at once.
   *
   * @param rejects the reject report: its header is written first, then one line per problem
   */
  public Result run(
      RecordSource in, Sinks sinks, ManifestWriter manifest, CsvWriter rejects, int threads)
      throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    Map<String, Open> open = new LinkedHashMap<>();
    rejects.write(REJECT_HEADER);
    long[] counts = new long[2];
    BlockingQueue<Worker> free = new ArrayBlockingQueue<>(threads);
    // Written batches' buffers, kept at their grown size for the next batches (2 * threads + 1
    // are in flight at most, so this stays as bounded as they are).
    BlockingQueue<BatchOut> spare = new LinkedBlockingQueue<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().name("valise-lab-", 0).daemon().factory());
    ArrayDeque<Future<BatchOut>> inflight = new ArrayDeque<>();
    try {
      for (int i = 0; i < threads; i++) {
        free.add(new Worker());
      }
      for (@Nullable RecordBatch b = in.nextBatch(); b != null; b = in.nextBatch()) {
        RecordBatch batch = b;
        inflight.add(
            pool.submit(
                () -> {
                  Worker w = free.take();
                  try {
                    @Nullable BatchOut out = spare.poll();
                    return w.process(batch.records(), out != null ? out : new BatchOut());
                  } finally {
                    free.add(w);
                  }
                }));
        while (inflight.size() > 2 * threads) {
          spare.add(write(result(inflight.removeFirst()), open, sinks, manifest, rejects, counts));
        }
      }
      while (!inflight.isEmpty()) {
        spare.add(write(result(inflight.removeFirst()), open, sinks, manifest, rejects, counts));
      }
      for (Open file : open.values()) {
        file.out.close();
      }
    } catch (IOException | RuntimeException e) {
      for (Future<BatchOut> f : inflight) {
        f.cancel(true);
      }
      for (Open file : open.values()) {
        try {
          file.out.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    } finally {
      pool.shutdownNow();
      for (Worker w : free) {
        w.clear();
      }
    }
    List<GroupCount> groups = new ArrayList<>();
    open.forEach((g, f) -> groups.add(new GroupCount(g, f.output, f.records)));
    return new Result(counts[0], counts[1], groups);
  }

  private static BatchOut result(Future<BatchOut> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while records were being processed");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  /**
   * Writes one batch's bytes where they go, in input order; opens groups as they first appear.
   * Returns the batch, emptied and wiped, for reuse.
   */
  private static BatchOut write(
      BatchOut b,
      Map<String, Open> open,
      Sinks sinks,
      ManifestWriter manifest,
      CsvWriter rejects,
      long[] counts)
      throws IOException {
    try {
      counts[0] += b.read;
      counts[1] += b.rejected;
      for (Problem p : b.problems) {
        rejects.write(List.of(Long.toString(p.row()), p.field().header(), p.reason()));
      }
      for (Map.Entry<String, GroupOut> e : b.groups.entrySet()) {
        GroupOut g = e.getValue();
        @Nullable Open file = open.get(e.getKey());
        if (file == null) {
          file = new Open(g.output, sinks.open(e.getKey(), g.output));
          open.put(e.getKey(), file);
          ByteSink header = new ByteSink(256);
          CsvWriter.append(header, g.output.headers());
          header.writeTo(file.out);
        }
        g.bytes.writeTo(file.out);
        file.records += g.records;
      }
      manifest.people(b.manifest);
    } finally {
      b.clear();
    }
    return b;
  }

  /**
   * What one batch gives: counts, problems, and the bytes for each group (in the order the groups
   * first appear in it) and the manifest. Reused: {@link #clear()} wipes the bytes and keeps the
   * buffers.
   */
  private static final class BatchOut {
    long read;
    long rejected;
    final List<Problem> problems = new ArrayList<>();
    final Map<String, GroupOut> groups = new LinkedHashMap<>();
    final Map<String, GroupOut> unused = new HashMap<>();
    final PersonLines manifest = new PersonLines(1 << 16);

    GroupOut group(String name, Output output) {
      @Nullable GroupOut g = groups.get(name);
      if (g == null) {
        g = unused.remove(name);
        if (g == null || !g.output.equals(output)) {
          g = new GroupOut(output);
        }
        groups.put(name, g);
      }
      return g;
    }

    void clear() {
      read = 0;
      rejected = 0;
      problems.clear();
      for (Map.Entry<String, GroupOut> e : groups.entrySet()) {
        e.getValue().bytes.clear();
        e.getValue().records = 0;
        unused.put(e.getKey(), e.getValue());
      }
      groups.clear();
      manifest.clear();
    }
  }

  private static final class GroupOut {
    final Output output;
    final ByteSink bytes = new ByteSink(1 << 14);
    long records;

    GroupOut(Output output) {
      this.output = output;
    }
  }

  /** One worker thread's tools: keyed hashes with their own state, and scratch space. */
  private final class Worker {
    private final PersonHasher person = new PersonHasher(key);
    private final HashKey.Hmac stats;
    private final byte[] hashes = new byte[2 * HashKey.Hmac.LENGTH];
    private final byte[] pseudonym = new byte[HashKey.Hmac.LENGTH];
    private final ByteSink nir = new ByteSink(32);
    private final Field.Pseudonymiser pseudonymiser = this::nirHash;

    Worker() {
      try (HashKey s = key.statsKey()) {
        stats = s.hmac();
      }
    }

    BatchOut process(List<LabRecord> records, BatchOut out) {
      List<Output> outputs = profile.outputs();
      for (LabRecord r : records) {
        out.read++;
        List<Problem> problems = validator.validate(r);
        if (!problems.isEmpty()) {
          out.rejected++;
          out.problems.addAll(problems);
          continue;
        }
        boolean hashed = false;
        for (int i = 0; i < outputs.size(); i++) {
          Output o = outputs.get(i);
          Optional<String> group = o.route(r, geo);
          if (group.isEmpty()) {
            continue;
          }
          GroupOut g = out.group(group.get(), o);
          o.append(r, pseudonymiser, g.bytes);
          g.records++;
          if (!hashed) {
            person.hash(r, hashes, 0);
            hashed = true;
          }
          out.manifest.add(group.get(), hashes, 0);
        }
      }
      return out;
    }

    /**
     * The statistics pseudonym of a NIR: the keyed hash under the statistics key of the NIR
     * normalised as for the manifest ({@link Nir#normalise}), in hex, so that one person has one
     * pseudonym however the NIR was written.
     */
    private String nirHash(String raw) {
      nir.clear();
      nir.append(Nir.normalise(raw));
      stats.mac(nir.buffer(), 0, nir.length(), pseudonym, 0);
      return HexFormat.of().formatHex(pseudonym);
    }

    void clear() {
      person.clear();
      nir.clear();
      java.util.Arrays.fill(hashes, (byte) 0);
      java.util.Arrays.fill(pseudonym, (byte) 0);
    }
  }

  private static final class Open {
    final Output output;
    final OutputStream out;
    long records;

    Open(Output output, OutputStream out) {
      this.output = output;
      this.out = out;
    }
  }
}
