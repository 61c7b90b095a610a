package io.valise.bench.lab;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor of {@code valise lab send} on this machine: what a Java program costs that only reads a
 * lab CSV file, cuts it into lines and fields, and computes the keyed hashes per record, with none
 * of the validation, routing, output files, encryption or upload. It assumes the synthetic file's
 * shape (no quoted fields, ASCII names) so it is a lower bound, not a correct reader.
 *
 * <pre>java bench/src/main/java/io/valise/bench/lab/LabFloor.java FILE MODE THREADS</pre>
 *
 * <p>MODE: {@code read} (read the file only), {@code split} (and find every field), {@code hmac2}
 * (and two HMAC-SHA256 per record with {@link Mac}: the manifest's NIR and name hashes), {@code
 * hmac3} (and the statistics pseudonym), {@code pre3} (three, with the key's inner and outer
 * SHA-256 states computed once and copied, as RFC 2104 section 4 suggests).
 */
public final class LabFloor {
  private static final int BLOCK = 4 << 20;

  private LabFloor() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String mode = args[1];
    int threads = Integer.parseInt(args[2]);
    for (int round = 0; round < 3; round++) {
      long c0 = cpu();
      long t0 = System.nanoTime();
      long[] r = run(file, mode, threads);
      long t1 = System.nanoTime();
      long c1 = cpu();
      System.out.printf(
          Locale.ROOT,
          "%s threads=%d records=%d check=%d %.3f s wall, %.3f s cpu%n",
          mode,
          threads,
          r[0],
          r[1],
          (t1 - t0) / 1e9,
          (c1 - c0) / 1e9);
    }
  }

  /** This process's CPU time (all threads, user and system), in nanoseconds. */
  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static long[] run(Path file, String mode, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<long[]>> pending = new ArrayList<>();
    long records = 0;
    long check = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] carry = new byte[0];
      boolean header = true;
      while (true) {
        ByteBuffer b = ByteBuffer.allocate(BLOCK);
        b.put(carry);
        int n = 0;
        while (b.hasRemaining() && (n = ch.read(b)) > 0) {}
        int len = b.position();
        byte[] a = b.array();
        int end = len;
        if (n >= 0) {
          while (end > 0 && a[end - 1] != '\n') {
            end--;
          }
        }
        carry = java.util.Arrays.copyOfRange(a, end, len);
        int start = 0;
        if (header) {
          while (a[start] != '\n') {
            start++;
          }
          start++;
          header = false;
        }
        int s = start;
        int e = end;
        pending.add(pool.submit(() -> work(a, s, e, mode)));
        while (pending.size() > threads * 2) {
          long[] r = pending.remove(0).get();
          records += r[0];
          check += r[1];
        }
        if (n < 0 || len == 0) {
          break;
        }
      }
      for (Future<long[]> f : pending) {
        long[] r = f.get();
        records += r[0];
        check += r[1];
      }
    } finally {
      pool.shutdown();
    }
    return new long[] {records, check};
  }

  private static final ThreadLocal<Hasher> HASHER = ThreadLocal.withInitial(Hasher::new);

  static long[] work(byte[] a, int start, int end, String mode) throws Exception {
    if (mode.equals("read")) {
      return new long[] {0, a[start]};
    }
    Hasher h = HASHER.get();
    int[] comma = new int[19];
    byte[] name = new byte[512];
    long records = 0;
    long check = 0;
    int i = start;
    while (i < end) {
      int f = 0;
      comma[0] = i - 1;
      int j = i;
      while (a[j] != '\n') {
        if (a[j] == ',') {
          comma[++f] = j;
        }
        j++;
      }
      comma[++f] = a[j - 1] == '\r' ? j - 1 : j;
      records++;
      if (!mode.equals("split")) {
        int n = 0;
        n = upper(a, comma[2] + 1, comma[3], name, n);
        name[n++] = ' ';
        n = upper(a, comma[3] + 1, comma[4], name, n);
        name[n++] = '|';
        int d = comma[5] + 1;
        int dl = comma[6] - d;
        System.arraycopy(a, d, name, n, dl);
        n += dl;
        int nir = comma[0] + 1;
        int nirLen = comma[1] - nir;
        check += h.hash(mode, 0, a, nir, nirLen);
        check += h.hash(mode, 0, name, 0, n);
        if (!mode.equals("hmac2")) {
          check += h.hash(mode, 1, a, nir, nirLen);
        }
      } else {
        check += comma[f];
      }
      i = j + 1;
    }
    return new long[] {records, check};
  }

  private static int upper(byte[] a, int from, int to, byte[] out, int n) {
    for (int k = from; k < to; k++) {
      byte c = a[k];
      out[n++] = c >= 'a' && c <= 'z' ? (byte) (c - 32) : c;
    }
    return n;
  }

  /** Two keys, each as a Mac and as precomputed inner and outer digests. */
  static final class Hasher {
    final Mac[] macs = new Mac[2];
    final MessageDigest[] inner = new MessageDigest[2];
    final MessageDigest[] outer = new MessageDigest[2];
    final byte[] out = new byte[32];

    Hasher() {
      try {
        for (int k = 0; k < 2; k++) {
          byte[] key = new byte[32];
          key[0] = (byte) k;
          macs[k] = Mac.getInstance("HmacSHA256");
          macs[k].init(new SecretKeySpec(key, "HmacSHA256"));
          byte[] ipad = new byte[64];
          byte[] opad = new byte[64];
          for (int i = 0; i < 64; i++) {
            byte kb = i < key.length ? key[i] : 0;
            ipad[i] = (byte) (kb ^ 0x36);
            opad[i] = (byte) (kb ^ 0x5c);
          }
          inner[k] = MessageDigest.getInstance("SHA-256");
          inner[k].update(ipad);
          outer[k] = MessageDigest.getInstance("SHA-256");
          outer[k].update(opad);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    long hash(String mode, int k, byte[] a, int off, int len) throws Exception {
      if (mode.startsWith("pre")) {
        MessageDigest in = (MessageDigest) inner[k].clone();
        in.update(a, off, len);
        in.digest(out, 0, 32);
        MessageDigest o = (MessageDigest) outer[k].clone();
        o.update(out, 0, 32);
        o.digest(out, 0, 32);
      } else {
        macs[k].update(a, off, len);
        macs[k].doFinal(out, 0);
      }
      return out[0];
    }
  }
}
