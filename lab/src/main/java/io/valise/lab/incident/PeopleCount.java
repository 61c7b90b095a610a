package io.valise.lab.incident;

import java.io.IOException;
import java.io.Writer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The people of the exposed envelopes, each counted once, at the most serious exposure of any
 * envelope they are in (see {@link PeopleCounter}).
 */
public final class PeopleCount {
  /**
   * The counts of one exposure.
   *
   * @param people distinct people whose most serious exposure is this one
   * @param records person lines (one per record) in the envelopes exposed this way
   * @param envelopes envelopes exposed this way that a manifest describes
   * @param withoutManifest envelopes exposed this way that no manifest describes (their people are
   *     not counted)
   * @param byCategory people per data category of the envelopes exposed this way
   * @param byRegion people per region (from their ARS groups), or {@link Regions#UNKNOWN}
   */
  public record Level(
      long people,
      long records,
      long envelopes,
      long withoutManifest,
      SortedMap<String, Long> byCategory,
      SortedMap<String, Long> byRegion) {
    /** Copies the maps. */
    public Level {
      byCategory = new TreeMap<>(byCategory);
      byRegion = new TreeMap<>(byRegion);
    }
  }

  private final PersonTable people;
  private final List<String> categoryNames;
  private final List<String> regionNames;
  private final Map<Exposure, long[]> envelopeStats;

  PeopleCount(
      PersonTable people,
      List<String> categoryNames,
      List<String> regionNames,
      Map<Exposure, long[]> envelopeStats) {
    this.people = people;
    this.categoryNames = List.copyOf(categoryNames);
    this.regionNames = List.copyOf(regionNames);
    this.envelopeStats = new EnumMap<>(envelopeStats);
  }

  /** The counts of every exposure, made in one pass over the people at the first call. */
  private @Nullable Map<Exposure, Level> levels;

  /** The counts of {@code e}. */
  public Level level(Exposure e) {
    Map<Exposure, Level> all = levels;
    if (all == null) {
      all = countLevels();
      levels = all;
    }
    return java.util.Objects.requireNonNull(all.get(e));
  }

  private Map<Exposure, Level> countLevels() {
    int n = Exposure.values().length;
    long[] people = new long[n];
    long[][] cats = new long[n][categoryNames.size()];
    long[][] regs = new long[n][regionNames.size() + 1]; // the last: region unknown
    for (int p = 0; p < this.people.size(); p++) {
      int i = this.people.worstOf(p);
      int categories = this.people.categoriesOf(p);
      long regions = this.people.regionsOf(p);
      people[i]++;
      for (int c = 0; c < categoryNames.size(); c++) {
        if ((categories & (1 << c)) != 0) {
          cats[i][c]++;
        }
      }
      if (regions == 0) {
        regs[i][regionNames.size()]++;
      }
      for (int r = 0; r < regionNames.size(); r++) {
        if ((regions & (1L << r)) != 0) {
          regs[i][r]++;
        }
      }
    }
    Map<Exposure, Level> out = new EnumMap<>(Exposure.class);
    for (Exposure e : Exposure.values()) {
      int i = e.rank();
      SortedMap<String, Long> byCategory = new TreeMap<>();
      for (int c = 0; c < categoryNames.size(); c++) {
        if (cats[i][c] > 0) {
          byCategory.put(categoryNames.get(c), cats[i][c]);
        }
      }
      SortedMap<String, Long> byRegion = new TreeMap<>();
      for (int r = 0; r < regionNames.size(); r++) {
        if (regs[i][r] > 0) {
          byRegion.put(regionNames.get(r), regs[i][r]);
        }
      }
      if (regs[i][regionNames.size()] > 0) {
        byRegion.put(Regions.UNKNOWN, regs[i][regionNames.size()]);
      }
      long[] s = envelopeStats.getOrDefault(e, new long[3]);
      out.put(e, new Level(people[i], s[0], s[1], s[2], byCategory, byRegion));
    }
    return out;
  }

  /** Distinct people affected in any way. */
  public long total() {
    return people.size();
  }

  /**
   * Writes the affected list: a header {@code nir_hash,name_hash,exposure,categories}, then one
   * line per person (categories space-separated, those of their most serious exposure).
   */
  public void writeAffected(Writer out) throws IOException {
    out.write(AffectedCsv.HEADER + "\r\n");
    Map<Long, String> tails = new HashMap<>(); // exposure and categories, the same for many
    StringBuilder line = new StringBuilder(200);
    for (int p = 0; p < people.size(); p++) {
      int worst = people.worstOf(p);
      int bits = people.categoriesOf(p);
      String tail =
          tails.computeIfAbsent(
              ((long) worst << 32) | (bits & 0xffffffffL),
              k -> {
                TreeSet<String> cats = new TreeSet<>();
                for (int c = 0; c < categoryNames.size(); c++) {
                  if ((bits & (1 << c)) != 0) {
                    cats.add(categoryNames.get(c));
                  }
                }
                return "," + Exposure.ofRank(worst).label() + "," + String.join(" ", cats);
              });
      line.setLength(0);
      people.appendHashes(p, line);
      line.append(tail).append("\r\n");
      out.append(line);
    }
  }
}
