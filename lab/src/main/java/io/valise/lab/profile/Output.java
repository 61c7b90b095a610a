package io.valise.lab.profile;

import io.valise.lab.geo.Department;
import io.valise.lab.geo.Geography;
import io.valise.lab.record.ByteSink;
import io.valise.lab.record.CsvWriter;
import io.valise.lab.record.LabRecord;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One recipient output of a profile: where its records go, which records, and which fields, in
 * order (the columns of the file it sends).
 *
 * @param name the output's name in the profile file
 * @param to {@code null}-free target: {@link #REGION_ARS} for the ARS of each patient's region, or
 *     the name of one group
 * @param positiveOnly whether only records whose result is {@code positive} go
 * @param fields the columns sent, in order; no other field is sent
 */
public record Output(String name, String to, boolean positiveOnly, List<Field> fields) {
  /** The target meaning "the ARS group of the region of the patient's department". */
  public static final String REGION_ARS = "@region-ars";

  public Output {
    fields = List.copyOf(fields);
  }

  /** Whether this output routes each record by its region. */
  public boolean byRegion() {
    return to.equals(REGION_ARS);
  }

  /** The categories of personal data the fields carry. */
  public Set<Category> categories() {
    Set<Category> c = EnumSet.noneOf(Category.class);
    fields.forEach(f -> c.add(f.category()));
    return c;
  }

  /**
   * The group that receives the valid record {@code r} from this output, or empty when this output
   * does not take it (a negative result for a positive-only output, a department with no region).
   */
  public Optional<String> route(LabRecord r, Geography geo) {
    if (positiveOnly && !r.result().equals("positive")) {
      return Optional.empty();
    }
    if (!byRegion()) {
      return Optional.of(to);
    }
    return geo.department(r.department()).map(Department::region).map(g -> g.arsCode());
  }

  /** The values of this output's fields for {@code r}, in order. */
  public List<String> values(LabRecord r, Field.Pseudonymiser pseudonym) {
    return fields.stream().map(f -> f.value(r, pseudonym)).toList();
  }

  /** Appends the values of this output's fields for {@code r} to {@code out}, as a CSV record. */
  public void append(LabRecord r, Field.Pseudonymiser pseudonym, ByteSink out) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append((byte) ',');
      }
      CsvWriter.appendField(out, fields.get(i).value(r, pseudonym));
    }
    out.append((byte) '\r').append((byte) '\n');
  }

  /** The header line's names. */
  public List<String> headers() {
    return fields.stream().map(Field::header).toList();
  }
}
