package io.valise.bench.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;

/**
 * What one audit entry adds to an upload's SQLite transaction, and which part of the table's shape
 * costs what: each variant commits COUNT transactions that each insert a stand-in for the upload's
 * own row and, except the baseline, one 496-byte entry with a 26-character subject, with the
 * server's pragmas (WAL, full fsync, secure deletion) and statements prepared once, as the server
 * keeps them. Variants run in turn, ROUNDS times, so that a machine getting busier does not favour
 * one; the median per variant is printed.
 *
 * <p>Usage: {@code AppendCost DIR COUNT ROUNDS}
 */
public final class AppendCost {
  private static final String STAND_IN = "INSERT INTO upload (body) VALUES (?)";
  private static final String APPEND =
      "INSERT INTO audit_entry (subject, entry, seq)"
          + " VALUES (?, ?, (SELECT COALESCE(MAX(pending_id), 0) FROM audit_entry))"
          + " RETURNING pending_id";

  /** A table shape: whether it logs, and its key and indexes. */
  private record Variant(
      String label, boolean logs, boolean autoincrement, boolean seqUnique, boolean subject) {
    List<String> schema() {
      List<String> ddl = new ArrayList<>();
      ddl.add("CREATE TABLE upload (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
      ddl.add(
          "CREATE TABLE audit_entry (pending_id INTEGER PRIMARY KEY"
              + (autoincrement ? " AUTOINCREMENT" : "")
              + ", seq BIGINT"
              + (seqUnique ? " UNIQUE" : "")
              + ", subject VARCHAR(26), entry BLOB NOT NULL)");
      ddl.add("CREATE INDEX audit_entry_unsequenced ON audit_entry (pending_id) WHERE seq IS NULL");
      if (subject) {
        ddl.add("CREATE INDEX audit_entry_subject ON audit_entry (subject, seq)");
      }
      return ddl;
    }
  }

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant("no entry (the upload's row only)", false, true, true, true),
          new Variant("entry, table as in main", true, true, true, true),
          new Variant("entry, no subject index", true, true, true, false),
          new Variant("entry, seq not unique", true, true, false, true),
          new Variant("entry, neither index", true, true, false, false),
          new Variant("entry, no AUTOINCREMENT", true, false, true, true),
          new Variant("entry, none of the three", true, false, false, false));

  private AppendCost() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: AppendCost DIR COUNT ROUNDS");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    double[][] micros = new double[VARIANTS.size()][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int v = 0; v < VARIANTS.size(); v++) {
        micros[v][r] = run(VARIANTS.get(v), dir.resolve("r" + r + "v" + v + ".db"), count);
      }
      System.err.printf(Locale.ROOT, "round %d of %d done%n", r + 1, rounds);
    }
    double base = median(micros[0]);
    System.out.printf(Locale.ROOT, "%-36s %14s %12s%n", "variant", "us/transaction", "entry adds");
    for (int v = 0; v < VARIANTS.size(); v++) {
      double m = median(micros[v]);
      System.out.printf(Locale.ROOT, "%-36s %14.1f %12.1f%n", VARIANTS.get(v).label(), m, m - base);
    }
  }

  /** Microseconds per transaction over {@code count} transactions, after as many to warm up. */
  private static double run(Variant v, Path db, int count) throws SQLException {
    Properties p = new Properties();
    p.setProperty("journal_mode", "WAL");
    p.setProperty("synchronous", "FULL");
    p.setProperty("secure_delete", "true");
    p.setProperty("transaction_mode", "IMMEDIATE");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, p)) {
      try (Statement s = c.createStatement()) {
        for (String ddl : v.schema()) {
          s.execute(ddl);
        }
      }
      c.setAutoCommit(false);
      Random random = new Random(1);
      byte[] entry = new byte[496];
      char[] subject = new char[26];
      try (PreparedStatement row = c.prepareStatement(STAND_IN);
          PreparedStatement append = c.prepareStatement(APPEND)) {
        long start = 0;
        for (int i = 0; i < 2 * count; i++) {
          if (i == count) {
            start = System.nanoTime();
          }
          random.nextBytes(entry);
          row.setBytes(1, entry);
          row.executeUpdate();
          if (v.logs()) {
            for (int k = 0; k < subject.length; k++) {
              subject[k] = "0123456789abcdefghjkmnpqrstvwxyz".charAt(random.nextInt(32));
            }
            append.setString(1, new String(subject));
            append.setBytes(2, entry);
            try (ResultSet id = append.executeQuery()) {
              id.next();
            }
          }
          c.commit();
        }
        return (System.nanoTime() - start) / 1e3 / count;
      }
    } finally {
      for (String suffix : List.of("", "-wal", "-shm")) {
        try {
          Files.deleteIfExists(Path.of(db + suffix));
        } catch (java.io.IOException e) {
          // a leftover scratch file in the benchmark's own directory
        }
      }
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
