package io.valise.lab.incident;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

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

  /** One person's state: hashes as bytes, and per exposure the categories and regions seen. */
  static final class Person {
    final byte[] nir;
    final byte[] name;
    final int[] categories = new int[Exposure.values().length];
    final long[] regions = new long[Exposure.values().length];
    int worst = -1;

    Person(byte[] nir, byte[] name) {
      this.nir = nir;
      this.name = name;
    }
  }

  private final Map<?, Person> people;
  private final List<String> categoryNames;
  private final List<String> regionNames;
  private final Map<Exposure, long[]> envelopeStats;

  PeopleCount(
      Map<?, Person> people,
      List<String> categoryNames,
      List<String> regionNames,
      Map<Exposure, long[]> envelopeStats) {
    this.people = people;
    this.categoryNames = List.copyOf(categoryNames);
    this.regionNames = List.copyOf(regionNames);
    this.envelopeStats = new EnumMap<>(envelopeStats);
  }

  /** The counts of {@code e}. */
  public Level level(Exposure e) {
    long n = 0;
    SortedMap<String, Long> cats = new TreeMap<>();
    SortedMap<String, Long> regs = new TreeMap<>();
    int i = e.rank();
    for (Person p : people.values()) {
      if (p.worst != i) {
        continue;
      }
      n++;
      for (int c = 0; c < categoryNames.size(); c++) {
        if ((p.categories[i] & (1 << c)) != 0) {
          cats.merge(categoryNames.get(c), 1L, Long::sum);
        }
      }
      if (p.regions[i] == 0) {
        regs.merge(Regions.UNKNOWN, 1L, Long::sum);
      }
      for (int r = 0; r < regionNames.size(); r++) {
        if ((p.regions[i] & (1L << r)) != 0) {
          regs.merge(regionNames.get(r), 1L, Long::sum);
        }
      }
    }
    long[] s = envelopeStats.getOrDefault(e, new long[3]);
    return new Level(n, s[0], s[1], s[2], cats, regs);
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
    HexFormat hex = HexFormat.of();
    for (Person p : people.values()) {
      TreeSet<String> cats = new TreeSet<>();
      for (int c = 0; c < categoryNames.size(); c++) {
        if ((p.categories[p.worst] & (1 << c)) != 0) {
          cats.add(categoryNames.get(c));
        }
      }
      List<String> cells = new ArrayList<>();
      cells.add(hex.formatHex(p.nir));
      cells.add(hex.formatHex(p.name));
      cells.add(Exposure.ofRank(p.worst).label());
      cells.add(String.join(" ", cats));
      out.write(String.join(",", cells) + "\r\n");
    }
  }
}
