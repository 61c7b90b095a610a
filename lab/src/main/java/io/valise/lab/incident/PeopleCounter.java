package io.valise.lab.incident;

import io.valise.lab.manifest.ManifestReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the people of the exposed envelopes from the manifests. A person is one NIR hash, or, for
 * a record without a NIR hash, one name hash. Each person is counted once, under the most serious
 * exposure of the envelopes they are in, with the data categories of those envelopes and the
 * regions of their ARS groups; a person found only in groups that are not an ARS (the CPAM) is
 * counted under {@link Regions#UNKNOWN}. A person in the envelopes of two ARS counts in both
 * regions, so the regions may add up to more than the people.
 *
 * <p>Memory holds about 90 bytes per distinct person ({@link PersonTable}): 1.4 million people take
 * about 120 MB of heap.
 */
public final class PeopleCounter {
  private PeopleCounter() {}

  /** What one exposed envelope adds to each of its people. */
  private static final class Mark {
    final int level;
    final int categories;
    final long regions;
    final long[] stats;

    Mark(int level, int categories, long regions, long[] stats) {
      this.level = level;
      this.categories = categories;
      this.regions = regions;
      this.stats = stats;
    }
  }

  /**
   * Counts the people of {@code assessment}'s envelopes that {@code manifests} describe, asking for
   * all of them at once so that a manifest is read once, whatever the number of its envelopes
   * exposed.
   */
  public static PeopleCount count(Assessment assessment, ManifestPeople manifests, Regions regions)
      throws IOException {
    List<String> categories = new ArrayList<>();
    List<String> regionNames = new ArrayList<>();
    Map<Exposure, long[]> stats = new EnumMap<>(Exposure.class);
    Map<String, Mark> marks = new LinkedHashMap<>();
    for (ExposedEnvelope env : assessment.envelopes()) {
      long[] s = stats.computeIfAbsent(env.exposure(), k -> new long[3]);
      Optional<ManifestPeople.Envelope> m = manifests.envelope(env.id());
      if (m.isEmpty()) {
        s[2]++;
        continue;
      }
      s[1]++;
      int catBits = 0;
      for (String c : new java.util.TreeSet<>(m.get().categories())) {
        int i = categories.indexOf(c);
        if (i < 0) {
          if (categories.size() == 31) {
            throw new IncidentException("manifests: more than 31 data categories");
          }
          categories.add(c);
          i = categories.size() - 1;
        }
        catBits |= 1 << i;
      }
      long regionBits = 0;
      Optional<String> region = regions.of(m.get().group());
      if (region.isPresent()) {
        int i = regionNames.indexOf(region.get());
        if (i < 0) {
          regionNames.add(region.get());
          i = regionNames.size() - 1;
        }
        regionBits = 1L << i;
      }
      marks.put(env.id(), new Mark(env.exposure().rank(), catBits, regionBits, s));
    }
    PersonTable people = new PersonTable();
    Map<String, long[]> lines = new HashMap<>();
    manifests.people(
        marks.keySet(),
        (id, nirHash, nameHash) -> {
          Mark mark = marks.get(id);
          if (mark == null) {
            return; // not asked for
          }
          long line = ++lines.computeIfAbsent(id, k -> new long[1])[0];
          if (!hex64(nameHash) || !(nirHash.isEmpty() || hex64(nirHash))) {
            throw new IncidentException(
                "manifest of envelope "
                    + id
                    + ", person "
                    + line
                    + ": a hash is not 64 lower-case hex digits");
          }
          people.mark(nirHash, nameHash, mark.level, mark.categories, mark.regions);
          mark.stats[0]++;
        });
    return new PeopleCount(people, categories, regionNames, stats);
  }

  /** Whether {@code s} is 64 lower-case hex digits. */
  static boolean hex64(String s) {
    return s.length() == 64 && ManifestReader.lowerHex(s, 0, 64);
  }
}
