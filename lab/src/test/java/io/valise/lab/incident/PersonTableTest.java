package io.valise.lab.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PersonTable} against the map of objects it replaced (a person per NIR hash or, without
 * one, per name hash; categories and regions per exposure, the most serious one read), and its
 * size.
 */
class PersonTableTest {
  /** The model: what PeopleCounter kept before, one object per person in a map. */
  private static final class Model {
    final String hashes;
    final int[] categories = new int[3];
    final long[] regions = new long[3];
    int worst = -1;

    Model(String hashes) {
      this.hashes = hashes;
    }
  }

  private static String hash(int person, String kind) {
    // Distinct people get distinct hashes; a few share their first 64 bits, to test probing.
    byte[] b = new byte[32];
    new SplittableRandom(person * 31L + kind.hashCode()).nextBytes(b);
    if (person % 50 == 0) {
      java.util.Arrays.fill(b, 0, 8, (byte) 7);
    }
    return HexFormat.of().formatHex(b);
  }

  @Test
  void givesWhatTheMapOfObjectsGaveInTheOrderPeopleWereMet() {
    SplittableRandom r = new SplittableRandom(42);
    PersonTable table = new PersonTable();
    Map<String, Model> model = new LinkedHashMap<>();
    int people = 3 * PersonTable.PAGE + 123;
    for (int n = 0; n < 4 * people; n++) {
      int person = r.nextInt(people);
      boolean byName = person % 7 == 0;
      String nir = byName ? "" : hash(person, "nir");
      String name = hash(person, "name" + (byName ? "" : r.nextInt(2))); // one NIR, two names
      int level = r.nextInt(3);
      int cats = 1 << r.nextInt(5);
      long regions = r.nextInt(4) == 0 ? 0 : 1L << r.nextInt(18);
      table.mark(nir, name, level, cats, regions);
      Model m =
          model.computeIfAbsent(
              (byName ? "name:" : "nir:") + (byName ? name : nir),
              k -> new Model(nir + "," + name));
      m.categories[level] |= cats;
      m.regions[level] |= regions;
      m.worst = Math.max(m.worst, level);
    }
    assertEquals(model.size(), table.size());
    List<Model> expected = new ArrayList<>(model.values());
    for (int p = 0; p < table.size(); p++) {
      Model m = expected.get(p);
      StringBuilder hashes = new StringBuilder();
      table.appendHashes(p, hashes);
      assertEquals(m.hashes, hashes.toString(), "person " + p);
      assertEquals(m.worst, table.worstOf(p), "person " + p);
      assertEquals(m.categories[m.worst], table.categoriesOf(p), "person " + p);
      assertEquals(m.regions[m.worst], table.regionsOf(p), "person " + p);
    }
  }

  @Test
  void holdsAPersonInAboutNinetyBytes() {
    PersonTable table = new PersonTable();
    int people = 300_000;
    for (int p = 0; p < people; p++) {
      table.mark(hash(p, "nir"), hash(p, "name"), 2, 1, 1);
    }
    assertEquals(people, table.size());
    double perPerson = (double) table.footprint() / people;
    assertTrue(perPerson < 90, perPerson + " bytes a person");
  }
}
