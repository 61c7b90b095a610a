package io.valise.lab.incident;

import io.valise.lab.record.CsvReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The affected list written by {@code valise incident assess}: a header {@value #HEADER}, then one
 * line per person: keyed hashes (lower-case hex; {@code nir_hash} empty for a record without a
 * NIR), the exposure label, and the data categories separated by spaces. It holds no readable
 * personal data.
 */
public final class AffectedCsv {
  /** The header line. */
  public static final String HEADER = "nir_hash,name_hash,exposure,categories";

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** One line of the list. */
  public record Row(String nirHash, String nameHash, Exposure exposure, String categories) {}

  private final CsvReader csv;

  private AffectedCsv(CsvReader csv) {
    this.csv = csv;
  }

  /**
   * Opens a list and checks its header.
   *
   * @throws IncidentException if the header is not {@value #HEADER}
   */
  public static AffectedCsv open(Reader in) throws IOException {
    CsvReader csv = new CsvReader(in);
    List<String> header = csv.next();
    if (header == null || !String.join(",", header).equals(HEADER)) {
      throw new IncidentException(
          "affected list: line 1 must be the header " + HEADER + " (from valise incident assess)");
    }
    return new AffectedCsv(csv);
  }

  /** The next row, or null at the end. */
  public @Nullable Row next() throws IOException {
    List<String> f = csv.next();
    if (f == null) {
      return null;
    }
    long line = csv.recordLine();
    if (f.size() != 4) {
      throw new IncidentException("affected list, line " + line + ": needs 4 fields");
    }
    if (!(f.get(0).isEmpty() || HEX64.matcher(f.get(0)).matches())
        || !HEX64.matcher(f.get(1)).matches()) {
      throw new IncidentException(
          "affected list, line " + line + ": a hash is not 64 lower-case hex digits");
    }
    return new Row(f.get(0), f.get(1), Exposure.ofLabel(f.get(2)), f.get(3));
  }
}
