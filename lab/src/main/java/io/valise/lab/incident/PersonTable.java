package io.valise.lab.incident;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The distinct people of an assessment in primitive arrays, in the order they were first met: per
 * person its two hashes (64 bytes), its most serious exposure and, for that exposure only, the bit
 * sets of data categories and regions (13 bytes), and an open-addressing index kept at most 70%
 * full (6 to 12 bytes): about 90 bytes a person, where a map of objects took about 280. Only the
 * most serious exposure's sets are kept because that is all the counts and the affected list read
 * (see {@link PeopleCounter}).
 *
 * <p>Storage grows by pages of {@value #PAGE} people, so growing copies no more than the index.
 */
final class PersonTable {
  private static final int PAGE_BITS = 14;

  /** People per page. */
  static final int PAGE = 1 << PAGE_BITS;

  private static final int HASHES = 64;
  private static final int BY_NAME = 0x80;
  private static final HexFormat HEX = HexFormat.of();

  /** Per person: the NIR hash (zeros when the person is known by name) then the name hash. */
  private byte[][] hashes = new byte[0][];

  /** Per person: the most serious exposure's rank, and {@link #BY_NAME}. */
  private byte[][] worst = new byte[0][];

  private int[][] categories = new int[0][];
  private long[][] regions = new long[0][];

  /** Person index + 1 for each slot; 0 is empty. */
  private int[] slots = new int[1 << 10];

  private int size;

  /** People so far. */
  int size() {
    return size;
  }

  /**
   * Marks the person whose hashes are {@code hex} (the NIR hash in hex at {@code nir}, or none if
   * {@code nir} is negative, and the name hash at {@code name}; both lower-case, checked) with one
   * envelope's exposure {@code level} and its category and region bits. A person is their NIR hash,
   * or, without one, their name hash; the name hash of a person known by NIR is the first seen.
   */
  void mark(String nirHex, String nameHex, int level, int categoryBits, long regionBits) {
    boolean byName = nirHex.isEmpty();
    String keyHex = byName ? nameHex : nirHex;
    int keyOff = byName ? 32 : 0;
    int mask = slots.length - 1;
    int i = (int) HexFormat.fromHexDigitsToLong(keyHex, 0, 16) & mask;
    while (true) {
      int s = slots[i];
      if (s == 0) {
        break;
      }
      int p = s - 1;
      if (((worst(p) & BY_NAME) != 0) == byName
          && equal(keyHex, hashes[p >>> PAGE_BITS], offset(p) + keyOff)) {
        merge(p, level, categoryBits, regionBits);
        return;
      }
      i = (i + 1) & mask;
    }
    int p = add(byName, nirHex, nameHex, level, categoryBits, regionBits);
    slots[i] = p + 1;
    if ((long) size * 10 > (long) slots.length * 7) {
      rehash();
    }
  }

  private void merge(int p, int level, int categoryBits, long regionBits) {
    int page = p >>> PAGE_BITS;
    int k = p & (PAGE - 1);
    int w = worst[page][k] & ~BY_NAME & 0xff;
    if (level > w) {
      worst[page][k] = (byte) ((worst[page][k] & BY_NAME) | level);
      categories[page][k] = categoryBits;
      regions[page][k] = regionBits;
    } else if (level == w) {
      categories[page][k] |= categoryBits;
      regions[page][k] |= regionBits;
    }
  }

  private int add(
      boolean byName, String nirHex, String nameHex, int level, int categoryBits, long regionBits) {
    int p = size;
    int page = p >>> PAGE_BITS;
    if (page == hashes.length) {
      hashes = Arrays.copyOf(hashes, page + 1);
      hashes[page] = new byte[PAGE * HASHES];
      worst = Arrays.copyOf(worst, page + 1);
      worst[page] = new byte[PAGE];
      categories = Arrays.copyOf(categories, page + 1);
      categories[page] = new int[PAGE];
      regions = Arrays.copyOf(regions, page + 1);
      regions[page] = new long[PAGE];
    }
    int k = p & (PAGE - 1);
    if (!byName) {
      parse(nirHex, hashes[page], offset(p));
    }
    parse(nameHex, hashes[page], offset(p) + 32);
    worst[page][k] = (byte) ((byName ? BY_NAME : 0) | level);
    categories[page][k] = categoryBits;
    regions[page][k] = regionBits;
    size++;
    return p;
  }

  private void rehash() {
    int[] bigger = new int[Math.multiplyExact(slots.length, 2)];
    int mask = bigger.length - 1;
    for (int p = 0; p < size; p++) {
      boolean byName = (worst(p) & BY_NAME) != 0;
      int i = (int) prefix(hashes[p >>> PAGE_BITS], offset(p) + (byName ? 32 : 0)) & mask;
      while (bigger[i] != 0) {
        i = (i + 1) & mask;
      }
      bigger[i] = p + 1;
    }
    slots = bigger;
  }

  private static int offset(int p) {
    return (p & (PAGE - 1)) * HASHES;
  }

  private int worst(int p) {
    return worst[p >>> PAGE_BITS][p & (PAGE - 1)] & 0xff;
  }

  /** The first 8 bytes at {@code off}, as the index reads them from the hex of a new person. */
  private static long prefix(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  /** Writes the 32 bytes of the 64 hex digits {@code hex} at {@code b[off]}. */
  private static void parse(String hex, byte[] b, int off) {
    for (int i = 0; i < 32; i++) {
      b[off + i] = (byte) byteAt(hex, i);
    }
  }

  /** Whether the 64 hex digits {@code hex} are the 32 bytes at {@code b[off]}. */
  private static boolean equal(String hex, byte[] b, int off) {
    for (int i = 0; i < 32; i++) {
      if ((b[off + i] & 0xff) != byteAt(hex, i)) {
        return false;
      }
    }
    return true;
  }

  private static int byteAt(String hex, int i) {
    return HexFormat.fromHexDigit(hex.charAt(2 * i)) << 4
        | HexFormat.fromHexDigit(hex.charAt(2 * i + 1));
  }

  /** The most serious exposure's rank of person {@code p} (0 to size - 1). */
  int worstOf(int p) {
    return worst(p) & ~BY_NAME;
  }

  /** The categories of person {@code p} at their most serious exposure. */
  int categoriesOf(int p) {
    return categories[p >>> PAGE_BITS][p & (PAGE - 1)];
  }

  /** The regions of person {@code p} at their most serious exposure. */
  long regionsOf(int p) {
    return regions[p >>> PAGE_BITS][p & (PAGE - 1)];
  }

  /**
   * Appends person {@code p}'s NIR hash in hex (nothing if known by name), a comma, the name hash.
   */
  void appendHashes(int p, StringBuilder out) {
    byte[] b = hashes[p >>> PAGE_BITS];
    int off = offset(p);
    if ((worst(p) & BY_NAME) == 0) {
      HEX.formatHex(out, b, off, off + 32);
    }
    out.append(',');
    HEX.formatHex(out, b, off + 32, off + HASHES);
  }

  /** The bytes of the arrays held (pages and index), without their headers. */
  long footprint() {
    return (long) hashes.length * PAGE * (HASHES + 1 + 4 + 8) + 4L * slots.length;
  }
}
