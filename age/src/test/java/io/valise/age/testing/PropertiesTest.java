package io.valise.age.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The helper itself: a failing property must say how to replay it, and replaying must work. */
class PropertiesTest {
  @Test
  void failureNamesPropertyTrialAndSeedAndTheSeedReplaysTheCase() {
    // Fails on the first trial whose first draw is a multiple of 7: some trial, not necessarily 1.
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                Properties.forAll(
                    "multipleOfSeven", 1000, 42, r -> assertTrue(r.nextInt(100) % 7 != 0, "bad")));
    String message = String.valueOf(error.getMessage());
    Matcher m =
        Pattern.compile("on trial (\\d+) of 1000 failed with seed (-?\\d+) ").matcher(message);
    assertTrue(m.find(), message);
    assertTrue(message.startsWith("Property multipleOfSeven on trial "), message);
    assertTrue(message.contains("-Dvalise.propertyReplay=" + m.group(2) + " replays"), message);
    assertTrue(message.contains("-Dvalise.propertySeed=42 reruns all 1000"), message);
    assertTrue(Integer.parseInt(m.group(1)) > 0, message);
    // The seed alone reproduces the failing case.
    long seed = Long.parseLong(m.group(2));
    assertEquals(0, new Random(seed).nextInt(100) % 7);
  }

  @Test
  void theSameBaseSeedGivesTheSameTrialsAndAnotherGivesOthers() {
    assertEquals(draws(1), draws(1));
    assertNotEquals(draws(1), draws(2));
  }

  @Test
  void skippedTrialsStaySkipped() {
    assertThrows(
        TestAbortedException.class,
        () ->
            Properties.forAll(
                "skip",
                3,
                r -> {
                  throw new TestAbortedException("no OpenSSL here");
                }));
  }

  @Test
  void sizesStayInRangeAndReachEveryChunkBoundary() {
    int chunk = Properties.CHUNK;
    Set<Integer> seen = new HashSet<>();
    // An explicit base seed: -Dvalise.propertyReplay, meant for another test, must not cut this to
    // one trial.
    Properties.forAll(
        "sizes",
        2000,
        3,
        r -> {
          int size = Properties.size(r, 3 * chunk + 1);
          assertTrue(size >= 0 && size <= 3 * chunk + 1, "size " + size);
          seen.add(size);
          Properties.Range range = Properties.range(r, size, chunk);
          assertTrue(range.from() >= 0 && range.length() >= 0, range.toString());
          assertTrue(range.from() + range.length() <= size && range.length() <= chunk, "" + range);
        });
    for (int boundary : List.of(0, 1, chunk - 1, chunk, chunk + 1, 2 * chunk - 1, 3 * chunk + 1)) {
      assertTrue(seen.contains(boundary), "never generated " + boundary);
    }
  }

  private static List<Long> draws(long baseSeed) {
    List<Long> draws = new ArrayList<>();
    Properties.forAll("draws", 10, baseSeed, r -> draws.add(r.nextLong()));
    return draws;
  }
}
