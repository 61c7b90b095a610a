package io.valise.lab.incident;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Counts the people of the exposed envelopes from the manifests. A person is one NIR hash, or, for
 * a record without a NIR hash, one name hash. Each person is counted once, under the most serious
 * exposure of the envelopes they are in, with the data categories of those envelopes and the
 * regions of their ARS groups; a person found only in groups that are not an ARS (the CPAM) is
 * counted under {@link Regions#UNKNOWN}. A person in the envelopes of two ARS counts in both
 * regions, so the regions may add up to more than the people.
 *
 * <p>Memory holds about 150 bytes per distinct person (the hashes as bytes and a few bit sets): 1.4
 * million people take about 200 MB.
 */
public final class PeopleCounter {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private PeopleCounter() {}

  private record Key(long a, long b, boolean byName) {}

  /** Counts the people of {@code assessment}'s envelopes that {@code manifests} describe. */
  public static PeopleCount count(Assessment assessment, ManifestPeople manifests, Regions regions)
      throws IOException {
    Map<Key, PeopleCount.Person> people = new LinkedHashMap<>();
    List<String> categories = new ArrayList<>();
    List<String> regionNames = new ArrayList<>();
    Map<Exposure, long[]> stats = new EnumMap<>(Exposure.class);
    HexFormat hex = HexFormat.of();
    for (ExposedEnvelope env : assessment.envelopes()) {
      int level = env.exposure().rank();
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
      int bits = catBits;
      long rbits = regionBits;
      long[] line = {0};
      manifests.people(
          env.id(),
          (nirHash, nameHash) -> {
            line[0]++;
            if (!HEX64.matcher(nameHash).matches()
                || !(nirHash.isEmpty() || HEX64.matcher(nirHash).matches())) {
              throw new IncidentException(
                  "manifest of envelope "
                      + env.id()
                      + ", person "
                      + line[0]
                      + ": a hash is not 64 lower-case hex digits");
            }
            boolean byName = nirHash.isEmpty();
            String k = byName ? nameHash : nirHash;
            Key key =
                new Key(
                    Long.parseUnsignedLong(k.substring(0, 16), 16),
                    Long.parseUnsignedLong(k.substring(16, 32), 16),
                    byName);
            PeopleCount.Person p = people.get(key);
            if (p == null) {
              p =
                  new PeopleCount.Person(
                      byName ? new byte[0] : hex.parseHex(nirHash), hex.parseHex(nameHash));
              people.put(key, p);
            }
            p.categories[level] |= bits;
            p.regions[level] |= rbits;
            p.worst = Math.max(p.worst, level);
          });
      s[0] += line[0];
    }
    return new PeopleCount(people, categories, regionNames, stats);
  }
}
