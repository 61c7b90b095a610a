package io.valise.age.testing;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.opentest4j.TestAbortedException;

/**
 * Runs a property body over many trials, each with its own {@link Random} seeded from a base seed.
 * The base seed is fixed, so every run (CI's included) checks the same cases; {@code
 * -Dvalise.propertySeed=N} explores others, and {@code -Dvalise.propertyReplay=S} reruns only the
 * trial with seed {@code S}, as named in a failure.
 */
public final class Properties {
  public static final String SEED_PROPERTY = "valise.propertySeed";
  public static final String REPLAY_PROPERTY = "valise.propertyReplay";
  public static final long DEFAULT_SEED = 0x76616c697365L; // "valise"
  public static final int CHUNK = 64 * 1024;

  /** A property's body; it may throw what test code throws. */
  @FunctionalInterface
  public interface Trial {
    void run(Random random) throws Exception;
  }

  /** A byte range {@code [from, from + length)}. */
  public record Range(int from, int length) {}

  private Properties() {}

  public static void forAll(String name, int tries, Trial body) {
    // Parsed strictly: a mistyped seed must fail loudly, not silently test the default cases.
    String replay = System.getProperty(REPLAY_PROPERTY);
    String base = System.getProperty(SEED_PROPERTY);
    if (replay != null) {
      check(name + " (replayed trial)", Long.parseLong(replay.strip()), "", body);
    } else {
      forAll(name, tries, base == null ? DEFAULT_SEED : Long.parseLong(base.strip()), body);
    }
  }

  public static void forAll(String name, int tries, long baseSeed, Trial body) {
    // Mixing in the name gives each property its own cases under the same base seed.
    SplittableRandom seeds = new SplittableRandom(baseSeed ^ name.hashCode());
    String rerun = "; -D%s=%d reruns all %d".formatted(SEED_PROPERTY, baseSeed, tries);
    for (int trial = 1; trial <= tries; trial++) {
      check(name + " on trial " + trial + " of " + tries, seeds.nextLong(), rerun, body);
    }
  }

  private static void check(String what, long seed, String rerun, Trial body) {
    try {
      body.run(new Random(seed));
    } catch (TestAbortedException e) {
      throw e; // a skipped test stays skipped rather than failing
    } catch (Exception | AssertionError e) {
      throw new AssertionError(
          "Property %s failed with seed %d (-D%s=%d replays it%s): %s"
              .formatted(what, seed, REPLAY_PROPERTY, seed, rerun, e),
          e);
    }
  }

  /** A size in [0, max]; three times in four a boundary case, since chunking bugs live there. */
  public static int size(Random random, int max) {
    int size =
        switch (random.nextInt(4)) {
          case 0 -> List.of(0, 1, CHUNK - 1, CHUNK, CHUNK + 1, max).get(random.nextInt(6));
          case 1 -> CHUNK * (1 + random.nextInt(Math.max(1, max / CHUNK))) + random.nextInt(5) - 2;
          case 2 -> random.nextInt(Math.min(max, 1024) + 1); // within one chunk, odd block tails
          default -> random.nextInt(max + 1);
        };
    return size <= max ? size : random.nextInt(max + 1);
  }

  public static byte[] bytes(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  /** A range of at most maxLength within [0, size), half the time starting at a chunk edge ± 1. */
  public static Range range(Random random, int size, int maxLength) {
    int edge = CHUNK * random.nextInt(size / CHUNK + 1) + random.nextInt(3) - 1;
    int from = random.nextBoolean() ? random.nextInt(size + 1) : Math.clamp(edge, 0, size);
    int room = Math.min(size - from, maxLength);
    return new Range(from, random.nextInt(4) == 0 ? room : random.nextInt(room + 1));
  }

  public static <T> T pick(Random random, List<T> options) {
    return options.get(random.nextInt(options.size()));
  }
}
