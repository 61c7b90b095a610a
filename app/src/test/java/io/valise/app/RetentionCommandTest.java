package io.valise.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.valise.age.secret.Passphrase;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.envelope.Envelope;
import io.valise.core.id.AccountId;
import io.valise.core.id.BlobId;
import io.valise.core.id.EnvelopeId;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.LocalAdmin;
import io.valise.store.sql.SqlStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code valise admin retention} on a data directory: text, JSON, and a bad option. */
class RetentionCommandTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);

  @TempDir Path data;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl =
        new CommandLine(
            RetentionCommand.spec(CLOCK, new PrintStream(out, true, StandardCharsets.UTF_8)));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void reportsAnEmptyInstallationAsTextAndJson() throws Exception {
    try (Passphrase p = Passphrase.of("a long password".toCharArray())) {
      LocalAdmin.addUser(ServerConfig.defaults(data), "alice", true, p, CLOCK, new SecureRandom());
    }
    assertEquals(0, run("--data", data.toString()));
    assertEquals("0 envelope(s), 0 B stored, at 2026-03-01T09:00:00Z\n", out());

    out.reset();
    assertEquals(0, run("--data", data.toString(), "--json"));
    JsonNode json = new ObjectMapper().readTree(out());
    assertEquals("2026-03-01T09:00:00Z", json.get("at").asText());
    assertEquals(0, json.get("envelopes").size());
    assertEquals(0, json.get("accounts").size());
  }

  @Test
  void listsEnvelopesAndAccountsAsText() throws Exception {
    ServerConfig config = ServerConfig.defaults(data);
    SecureRandom random = new SecureRandom();
    AccountId alice;
    AccountId bob;
    try (Passphrase p = Passphrase.of("a long password".toCharArray())) {
      alice = LocalAdmin.addUser(config, "alice", false, p, CLOCK, random).id();
      bob = LocalAdmin.addUser(config, "bob", false, p, CLOCK, random).id();
    }
    EnvelopeId id = EnvelopeId.random(random);
    try (SqlStore store = SqlStore.open(config.database(), null, null, CLOCK)) {
      store
          .envelopes()
          .create(
              new Envelope(
                  id,
                  alice,
                  CLOCK.instant().minus(Duration.ofDays(2)),
                  CLOCK.instant().minus(Duration.ofDays(1)),
                  3,
                  1,
                  BlobId.random(random),
                  2045,
                  OpaqueBytes.of(new byte[] {'a', 'g', 'e'}),
                  OpaqueBytes.of(new byte[] {7}),
                  List.of(bob)));
    }
    assertEquals(0, run("--data", data.toString()));
    List<String> lines = out().lines().toList();
    assertEquals("1 envelope(s), 2.0 KiB stored, at 2026-03-01T09:00:00Z", lines.getFirst());
    String row =
        lines.stream()
            .filter(l -> l.startsWith(id.text()))
            .findFirst()
            .orElseThrow(() -> new AssertionError(out()));
    assertTrue(
        row.matches(
            id.text()
                + " +alice +bob +2\\.0 KiB +2026-02-27T09:00:00Z"
                + " +2026-02-28T09:00:00Z \\(expired\\) +1/3 +0"),
        row);
    assertTrue(lines.stream().anyMatch(l -> l.matches("bob +0 +0 B +1 +2\\.0 KiB .*")), out());
  }

  @Test
  void aMissingConfigurationFileIsAClearErrorAndPrintsNoReport() {
    Path missing = data.resolve("no-such.properties");
    assertNotEquals(0, run("--data", data.toString(), "--config", missing.toString()));
    assertEquals("", out());
    assertTrue(err.toString().contains("no-such.properties"), err.toString());
  }

  @Test
  void aDataDirectoryWithoutADatabaseIsAnErrorAndIsNotCreated() {
    Path typo = data.resolve("valise-dta");
    assertNotEquals(0, run("--data", typo.toString()));
    assertTrue(err.toString().contains("No Valise database at"), err.toString());
    assertFalse(Files.exists(typo), "a report never creates an installation");
  }

  @Test
  void sizesAreInBinaryUnits() {
    assertEquals("1023 B", RetentionCommand.bytes(1023));
    assertEquals("1.0 KiB", RetentionCommand.bytes(1024));
    assertEquals("1.5 MiB", RetentionCommand.bytes(3 << 19));
  }
}
