package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.Age;
import io.valise.age.secret.Passphrase;
import io.valise.age.x25519.X25519Identity;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.LocalAdmin;
import io.valise.server.wiring.ValiseServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Promise 1: after an upload and a download of real-looking patient records, a full copy of the
 * server's disk and database holds none of the names, NIRs, phone numbers or the file name. On
 * SQLite the whole database is files under the data directory, scanned raw (WAL included) and row
 * by row; on PostgreSQL the test reads every row of every table of the server's schema and every
 * file under the data directory (blobs, secrets).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ZeroKnowledgeTest {
  static final String FILE_NAME = "resultats-sidep-labo-2026-03-01.csv";
  static final String PASSWORD = "correct horse battery staple";

  final SecureRandom random = new SecureRandom();
  final HttpClient http = HttpClient.newHttpClient();
  final X25519Identity bobKey = X25519Identity.generate(random);

  @Parameter @Nullable TestDatabase database;
  @TempDir Path data;

  @Test
  void theDataDirectoryHoldsNoneOfThePatientsNorTheFileName() throws Exception {
    SyntheticPatients patients = SyntheticPatients.generate(200, random);
    List<String> needles = new ArrayList<>(patients.sensitive());
    needles.add(FILE_NAME);
    byte[] file = encrypt(patients.csv());
    byte[] metadata =
        encrypt(
            ("{\"name\":\"" + FILE_NAME + "\",\"type\":\"text/csv\"}")
                .getBytes(StandardCharsets.UTF_8));

    TestDatabase db = Objects.requireNonNull(database);
    String url = db.create(data);
    try {
      scanAfterUploadAndDownload(url, patients, needles, file, metadata);
    } finally {
      db.drop(url);
    }
  }

  private void scanAfterUploadAndDownload(
      @Nullable String url,
      SyntheticPatients patients,
      List<String> needles,
      byte[] file,
      byte[] metadata)
      throws Exception {
    ServerConfig config = ServerConfig.defaults(data).withListen("127.0.0.1:0");
    if (url != null) {
      config = config.withDatabase(url, null, null);
    }
    for (String name : List.of("alice", "bob")) {
      try (Passphrase p = Passphrase.of(PASSWORD.toCharArray())) {
        LocalAdmin.addUser(config, name, false, p, Clock.systemUTC(), random);
      }
    }
    // Not try-with-resources: Error Prone takes the System.err argument for a stream it closes.
    ValiseServer server = ValiseServer.start(config, Clock.systemUTC(), random, System.err);
    try {
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> up =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/envelopes?to=bob"))
                  .header("Authorization", "Bearer " + session(base, "alice"))
                  .header("Valise-Metadata", Base64.getEncoder().encodeToString(metadata))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(201, up.statusCode(), up.body());
      String id = ServerTest.json(up.body()).get("id").asText();
      HttpResponse<byte[]> down =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/envelopes/" + id + "/file"))
                  .header("Authorization", "Bearer " + session(base, "bob"))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, down.statusCode());
      assertArrayEquals(patients.csv(), decrypt(down.body()));
    } finally {
      server.close();
    }

    // Files first, before a JDBC connection could checkpoint the WAL away.
    assertEquals(
        url == null,
        Files.exists(data.resolve("valise.db")),
        "the SQLite database is where expected, and only on SQLite");
    assertTrue(blobCount() == 1, "the payload blob is on disk");
    assertEquals(List.of(), PlaintextScan.files(data, needles));
    assertEquals(List.of(), rows(url, needles));

    // The scanners must be able to fail: the same scans find every string once they are there.
    Path control = data.resolve("blobs").resolve("control.csv");
    Files.write(control, patients.csv());
    Files.writeString(control, FILE_NAME, java.nio.file.StandardOpenOption.APPEND);
    assertEquals(needles.size(), PlaintextScan.files(data, needles).size());
    Files.delete(control);
    try (var c =
            java.sql.DriverManager.getConnection(
                url == null ? "jdbc:sqlite:" + data.resolve("valise.db") : url);
        var s =
            c.prepareStatement(
                url == null ? "CREATE TABLE control (v BLOB)" : "CREATE TABLE control (v BYTEA)")) {
      s.execute();
      try (var insert = c.prepareStatement("INSERT INTO control VALUES (?)")) {
        insert.setBytes(1, patients.csv());
        insert.execute();
      }
    }
    assertEquals(patients.sensitive().size(), rows(url, needles).size());
  }

  /** Every row of every table of the server's database (SQLite file or PostgreSQL schema). */
  private List<String> rows(@Nullable String url, List<String> needles) throws Exception {
    return url == null
        ? PlaintextScan.sqliteRows(data.resolve("valise.db"), needles)
        : PlaintextScan.postgresRows(url, needles);
  }

  private long blobCount() throws IOException {
    try (var s = Files.list(data.resolve("blobs"))) {
      return s.count();
    }
  }

  private String session(String base, String name) throws Exception {
    String body =
        ServerTest.JSON.createObjectNode().put("name", name).put("password", PASSWORD).toString();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return ServerTest.json(r.body()).get("token").asText();
  }

  private byte[] encrypt(byte[] plaintext) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream enc = Age.encryptingStream(out, List.of(bobKey.recipient()), random)) {
      enc.write(plaintext);
    }
    return out.toByteArray();
  }

  private byte[] decrypt(byte[] file) throws IOException {
    try (InputStream in = Age.decryptingStream(new ByteArrayInputStream(file), List.of(bobKey))) {
      return in.readAllBytes();
    }
  }
}
