package io.valise.lab.profile;

import io.valise.lab.geo.Geography;
import io.valise.lab.input.RecordSource;
import io.valise.lab.manifest.HashKey;
import io.valise.lab.manifest.ManifestWriter;
import io.valise.lab.manifest.PersonHashes;
import io.valise.lab.record.CsvWriter;
import io.valise.lab.record.LabRecord;
import io.valise.lab.record.Problem;
import io.valise.lab.record.RecordValidator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
   * Reads all of {@code in}. Group files are closed (so their encryption is finished) before this
   * returns normally; on an exception the caller discards them.
   *
   * @param rejects the reject report: its header is written first, then one line per problem
   */
  public Result run(RecordSource in, Sinks sinks, ManifestWriter manifest, CsvWriter rejects)
      throws IOException {
    Map<String, Open> open = new LinkedHashMap<>();
    rejects.write(REJECT_HEADER);
    long read = 0;
    long rejected = 0;
    try (HashKey stats = key.statsKey()) {
      Field.Pseudonymiser pseudonym = stats::hmacHex;
      for (@Nullable LabRecord r = in.next(); r != null; r = in.next()) {
        read++;
        List<Problem> problems = validator.validate(r);
        if (!problems.isEmpty()) {
          rejected++;
          for (Problem p : problems) {
            rejects.write(List.of(Long.toString(p.row()), p.field().header(), p.reason()));
          }
          continue;
        }
        @Nullable PersonHashes person = null;
        for (Output o : profile.outputs()) {
          Optional<String> group = o.route(r, geo);
          if (group.isEmpty()) {
            continue;
          }
          String g = group.get();
          @Nullable Open file = open.get(g);
          if (file == null) {
            file = new Open(o, sinks.open(g, o));
            open.put(g, file);
            file.csv.write(o.headers());
          }
          file.csv.write(o.values(r, pseudonym));
          file.records++;
          if (person == null) {
            person = PersonHashes.of(r, key);
          }
          manifest.person(g, person);
        }
      }
      for (Open file : open.values()) {
        file.csv.close();
      }
    } catch (IOException | RuntimeException e) {
      for (Open file : open.values()) {
        try {
          file.csv.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    List<GroupCount> groups = new ArrayList<>();
    open.forEach((g, f) -> groups.add(new GroupCount(g, f.output, f.records)));
    return new Result(read, rejected, groups);
  }

  private static final class Open {
    final Output output;
    final CsvWriter csv;
    long records;

    Open(Output output, OutputStream out) {
      this.output = output;
      this.csv =
          new CsvWriter(
              new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
    }
  }
}
