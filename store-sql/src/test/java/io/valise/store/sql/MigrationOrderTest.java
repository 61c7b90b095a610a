package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Migrations written on parallel branches reach databases in either order: a database migrated up
 * to V11 and later given a V10 (passkeys, another branch) applies it instead of refusing to start.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class MigrationOrderTest {
  @Parameter @Nullable TestDatabase database;
  @TempDir Path dir;

  @Test
  void aLowerVersionArrivingLaterIsApplied() throws Exception {
    TestDatabase db = Objects.requireNonNull(database);
    List<Path> shipped = shippedMigrations();
    assertTrue(shipped.stream().anyMatch(p -> name(p).startsWith("V11__")), shipped.toString());
    for (Path p : shipped) {
      if (!name(p).startsWith("V10__")) {
        Files.copy(p, dir.resolve(name(p)));
      }
    }
    TestDatabase.Empty empty = db.empty();
    try {
      assertEquals(shipped.size() - tens(shipped), migrate(db, empty.url()));
      Files.writeString(
          dir.resolve("V10__parallel_branch.sql"),
          "CREATE TABLE parallel_branch_probe (id INTEGER NOT NULL PRIMARY KEY);\n");
      assertEquals(1, migrate(db, empty.url()), "V10 after V11 is applied");
      assertEquals(0, migrate(db, empty.url()), "and only once");
      try (Connection c = DriverManager.getConnection(empty.url());
          PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM parallel_branch_probe");
          ResultSet r = s.executeQuery()) {
        assertTrue(r.next());
        assertEquals(0, r.getInt(1));
      }
    } finally {
      empty.cleanup().run();
    }
  }

  private int migrate(TestDatabase db, String url) {
    Flyway f = SqlStore.flyway(db.dialect(), url, null, null, "filesystem:" + dir);
    return f.migrate().migrationsExecuted;
  }

  private static long tens(List<Path> shipped) {
    return shipped.stream().filter(p -> name(p).startsWith("V10__")).count();
  }

  private static List<Path> shippedMigrations() throws Exception {
    URL u =
        Objects.requireNonNull(
            MigrationOrderTest.class.getClassLoader().getResource("io/valise/store/sql/migration"));
    try (var files = Files.list(Path.of(u.toURI()))) {
      return files
          .filter(p -> name(p).matches("V[0-9]+__.*\\.sql"))
          .sorted(Comparator.comparing(MigrationOrderTest::name))
          .toList();
    }
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }
}
