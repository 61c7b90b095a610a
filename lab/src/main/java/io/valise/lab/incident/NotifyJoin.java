package io.valise.lab.incident;

import io.valise.lab.ident.Nir;
import io.valise.lab.manifest.HashKey;
import io.valise.lab.manifest.PersonHashes;
import io.valise.lab.record.CsvWriter;
import io.valise.lab.record.LabCsvReader;
import io.valise.lab.record.LabRecord;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the affected list with a lab's own patient file: hashes each patient as the manifests did
 * ({@link PersonHashes}, as in the manifests) and writes, once per affected person found, who to
 * notify and how. A patient matches by NIR hash; a row of the list without a NIR hash matches by
 * name hash. The list is held in memory (two hashes per person); the patient file streams.
 */
public final class NotifyJoin {
  /** The columns of the notification list. */
  public static final List<String> HEADER =
      List.of(
          "exposure",
          "categories",
          "birth_name",
          "first_names",
          "birth_date",
          "address",
          "postcode",
          "commune",
          "phone",
          "email",
          "lab_row");

  /**
   * What the join did.
   *
   * @param affected rows in the affected list that were considered
   * @param skippedCiphertext rows left out because their exposure is ciphertext only
   * @param notified people written to the notification list
   * @param notFound considered rows that matched no patient in the file
   * @param patients records read from the patient file
   */
  public record Result(
      long affected, long skippedCiphertext, long notified, long notFound, long patients) {}

  private NotifyJoin() {}

  /**
   * Runs the join.
   *
   * @param includeCiphertext also list people whose data was exposed only as ciphertext
   */
  public static Result join(
      AffectedCsv affected,
      LabCsvReader patients,
      HashKey key,
      boolean includeCiphertext,
      Writer out)
      throws IOException {
    Map<String, AffectedCsv.Row> byNir = new HashMap<>();
    Map<String, AffectedCsv.Row> byName = new HashMap<>();
    long considered = 0;
    long skipped = 0;
    for (AffectedCsv.Row r = affected.next(); r != null; r = affected.next()) {
      if (r.exposure() == Exposure.CIPHERTEXT && !includeCiphertext) {
        skipped++;
        continue;
      }
      considered++;
      if (r.nirHash().isEmpty()) {
        byName.put(r.nameHash(), r);
      } else {
        byNir.put(r.nirHash(), r);
      }
    }
    CsvWriter csv = new CsvWriter(out);
    csv.write(HEADER);
    Set<AffectedCsv.Row> done = new HashSet<>();
    long read = 0;
    for (LabRecord p = patients.next(); p != null; p = patients.next()) {
      read++;
      AffectedCsv.Row hit = null;
      PersonHashes h = PersonHashes.of(p, key);
      if (!byNir.isEmpty() && !Nir.normalise(p.nir()).isEmpty()) {
        hit = byNir.get(h.nir());
      }
      if (hit == null && !byName.isEmpty()) {
        hit = byName.get(h.name());
      }
      if (hit == null || !done.add(hit)) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      cells.add(hit.exposure().label());
      cells.add(hit.categories());
      cells.add(p.birthName());
      cells.add(p.firstNames());
      cells.add(p.birthDate());
      cells.add(p.address());
      cells.add(p.postcode());
      cells.add(p.commune());
      cells.add(p.phone());
      cells.add(p.email());
      cells.add(Long.toString(p.row()));
      csv.write(cells.stream().map(NotifyJoin::defused).toList());
    }
    csv.flush();
    return new Result(considered, skipped, done.size(), considered - done.size(), read);
  }

  /** A cell starting with = + - @ gets a leading ' so a spreadsheet does not run it. */
  static String defused(String c) {
    return !c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 ? "'" + c : c;
  }
}
