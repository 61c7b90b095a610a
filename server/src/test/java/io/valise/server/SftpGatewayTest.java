package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.age.x25519.X25519Identity;
import io.valise.server.config.ServerConfig;
import io.valise.server.config.SftpConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SFTP gateway driven by clients nobody here wrote: OpenSSH's {@code sftp} in batch mode,
 * {@code rclone} and {@code lftp}, against the real server on both databases. Account {@code lab}
 * may send clear files (encrypted on arrival); {@code plain} may not.
 */
class SftpGatewayTest extends ServerTest {
  private static final String PATIENTS = "NIR;NOM;RESULTAT\n1850775123456 42;MARTIN;POSITIF\n";

  private final X25519Identity arsKey = X25519Identity.generate(random);
  private Path work = Path.of(".");
  private Path labKey = Path.of(".");
  private Path plainKey = Path.of(".");
  private Path arsSsh = Path.of(".");

  @Override
  ServerConfig configure(ServerConfig c) {
    return c.withSftp(new SftpConfig("127.0.0.1", 0, Set.of("lab"), 4));
  }

  @BeforeEach
  void accounts() throws Exception {
    work = Files.createTempDirectory(data(), "client");
    for (String name : List.of("lab", "plain", "ars")) {
      addUser(name);
    }
    HttpResponse<String> published =
        callJson(
            "POST", "/api/keys", session("ars"), "{\"recipient\":\"" + arsKey.recipient() + "\"}");
    assertEquals(201, published.statusCode(), published.body());
    labKey = enrol("lab");
    plainKey = enrol("plain");
    arsSsh = enrol("ars");
  }

  private Path enrol(String name) throws Exception {
    Path key = SshClients.keygen(work, name + "_ed25519");
    String pub = Files.readString(key.resolveSibling(key.getFileName() + ".pub")).strip();
    HttpResponse<String> r =
        callJson(
            "POST",
            "/api/ssh-keys",
            session(name),
            JSON.createObjectNode().put("publicKey", pub).toString());
    assertEquals(201, r.statusCode(), r.body());
    return key;
  }

  private int port() {
    return server().sftpPort();
  }

  @Test
  void anAgeFileBecomesAnEnvelopeThatTheRecipientFetchesAndTheAgeCliOpens() throws Exception {
    byte[] plaintext = PATIENTS.getBytes(StandardCharsets.UTF_8);
    Files.write(work.resolve("results.csv.age"), Ages.encrypt(random, plaintext, arsKey));
    SshClients.Run put =
        SshClients.sftp(
            work,
            labKey,
            "lab",
            port(),
            "cd /outbox/ars",
            "put results.csv.age",
            "ls -l",
            "ls /inbox");
    assertEquals(0, put.exit(), put.output());
    assertTrue(put.output().contains("results.csv.age"), put.output());

    List<String> inbox = inboxIds("ars");
    assertEquals(1, inbox.size());
    String id = inbox.get(0);
    SshClients.Run get =
        SshClients.sftp(
            work, arsSsh, "ars", port(), "ls -l /inbox", "get /inbox/" + id + ".age got.age");
    assertEquals(0, get.exit(), get.output());
    assertTrue(get.output().contains(id + ".age"), get.output());
    Path identity = work.resolve("ars.key");
    Files.writeString(identity, arsKey.encode() + "\n");
    SshClients.Run age =
        SshClients.run(
            work,
            List.of("age", "-d", "-i", identity.toString(), "-o", "opened.csv", "got.age"),
            60);
    assertEquals(0, age.exit(), age.output());
    assertArrayEquals(plaintext, Files.readAllBytes(work.resolve("opened.csv")));

    JsonNode described = json(get("/api/envelopes/" + id, session("ars")).body());
    assertEquals(1, described.get("downloads").asInt(), described.toString());

    List<JsonNode> history = history(id, 2);
    JsonNode upload = history.get(0);
    assertEquals("envelope.upload", upload.get("type").asText(), upload.toString());
    assertEquals("sftp", upload.get("via").asText());
    assertEquals("age", upload.get("ingress").asText());
    assertEquals(fingerprint(labKey), upload.get("sshKey").asText());
    JsonNode download = history.get(1);
    assertEquals("envelope.download", download.get("type").asText(), download.toString());
    assertEquals("sftp", download.get("via").asText());
    assertEquals(fingerprint(arsSsh), download.get("sshKey").asText());
  }

  /**
   * The ciphers the gateway implements itself (chacha20-poly1305 on OpenSSL, AES-GCM decrypting out
   * of place) against OpenSSH's client, which offers only the one cipher: a 6 MB upload (the
   * gateway decrypts some 200 packets) and its download (OpenSSH decrypts them) come back intact.
   */
  @Test
  void openSshTransfersWithEachCipherTheGatewayImplements() throws Exception {
    byte[] file = Ages.encrypt(random, new byte[6_000_000], arsKey);
    Files.write(work.resolve("big.age"), file);
    List<String> ciphers =
        List.of(
            "chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com");
    for (String cipher : ciphers) {
      List<String> options = List.of("-c", cipher);
      SshClients.Run put =
          SshClients.sftp(work, labKey, "lab", port(), options, "put big.age /outbox/ars/");
      assertEquals(0, put.exit(), cipher + ": " + put.output());
      List<String> inbox = inboxIds("ars");
      String id = inbox.get(inbox.size() - 1);
      SshClients.Run get =
          SshClients.sftp(
              work, arsSsh, "ars", port(), options, "get /inbox/" + id + ".age got.age");
      assertEquals(0, get.exit(), cipher + ": " + get.output());
      assertArrayEquals(file, Files.readAllBytes(work.resolve("got.age")), cipher);
    }
    assertEquals(ciphers.size(), inboxIds("ars").size());
  }

  /** The envelope's audit entries once {@code count} of them are sequenced. */
  private List<JsonNode> history(String envelope, int count) throws Exception {
    String token = session("ars");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      HttpResponse<String> r = get("/api/audit/envelopes/" + envelope, token);
      // 404 until the sequencer has numbered an entry that names the caller
      if (r.statusCode() == 404 && System.nanoTime() < deadline) {
        Thread.sleep(50);
        continue;
      }
      assertEquals(200, r.statusCode(), r.body());
      List<JsonNode> entries = new ArrayList<>();
      for (JsonNode e : json(r.body()).get("entries")) {
        entries.add(
            json(
                new String(
                    java.util.Base64.getDecoder().decode(e.get("entry").asText()),
                    StandardCharsets.UTF_8)));
      }
      if (entries.size() >= count || System.nanoTime() > deadline) {
        assertEquals(count, entries.size(), entries.toString());
        return entries;
      }
      Thread.sleep(50);
    }
  }

  /** The key's fingerprint as {@code ssh-keygen -l} prints it. */
  private String fingerprint(Path key) throws Exception {
    SshClients.Run r = SshClients.run(work, List.of("ssh-keygen", "-l", "-f", key + ".pub"), 30);
    return r.output().strip().split(" ", -1)[1];
  }

  @Test
  void anUploadToAGroupFolderReachesEveryMember() throws Exception {
    addAdmin("root");
    addUser("ars2");
    String root = session("root");
    assertEquals(201, callJson("POST", "/api/groups", root, "{\"name\":\"ars-idf\"}").statusCode());
    for (String member : List.of("ars", "ars2")) {
      HttpResponse<String> r = call("PUT", "/api/groups/ars-idf/members/" + member, root, null);
      assertTrue(r.statusCode() / 100 == 2, r.body());
    }
    Files.write(work.resolve("r.age"), Ages.encrypt(random, new byte[] {7}, arsKey));
    SshClients.Run put =
        SshClients.sftp(work, labKey, "lab", port(), "ls /outbox", "put r.age /outbox/ars-idf/");
    assertEquals(0, put.exit(), put.output());
    assertTrue(put.output().contains("ars-idf"), put.output());
    assertEquals(1, inboxIds("ars").size());
    assertEquals(inboxIds("ars"), inboxIds("ars2"));
  }

  @Test
  void aClearFileFromAnAllowedAccountIsEncryptedOnArrival() throws Exception {
    Files.writeString(work.resolve("daily.csv"), PATIENTS);
    SshClients.Run put =
        SshClients.sftp(work, labKey, "lab", port(), "put daily.csv /outbox/ars/daily.csv");
    assertEquals(0, put.exit(), put.output());

    List<String> inbox = inboxIds("ars");
    assertEquals(1, inbox.size());
    String ars = session("ars");
    HttpResponse<byte[]> file = getBytes("/api/envelopes/" + inbox.get(0) + "/file", ars, null);
    assertEquals(200, file.statusCode());
    assertEquals(PATIENTS, new String(Ages.decrypt(file.body(), arsKey), StandardCharsets.UTF_8));
    assertEquals(
        List.of(),
        PlaintextScan.files(data().resolve("blobs"), List.of("MARTIN", "1850775123456")),
        "the gateway must not keep clear bytes");
  }

  @Test
  void aClearFileIsRefusedByDefaultAndLeavesNothing() throws Exception {
    Files.writeString(work.resolve("daily.csv"), PATIENTS);
    SshClients.Run put =
        SshClients.sftp(work, plainKey, "plain", port(), "put daily.csv /outbox/ars/daily.csv");
    assertNotEquals(0, put.exit(), put.output());
    assertTrue(put.output().contains("Not an age file"), put.output());
    assertEquals(List.of(), inboxIds("ars"));
    assertEquals(List.of(), blobs());
  }

  @Test
  void pathTricksAndForbiddenOperationsEachGetAnErrorAndChangeNothing() throws Exception {
    Files.write(work.resolve("x.age"), Ages.encrypt(random, new byte[] {1, 2, 3}, arsKey));
    Map<String, String> attempts = new java.util.LinkedHashMap<>();
    attempts.put("put x.age /inbox/x.age", "read-only");
    attempts.put("put x.age /outbox/ars/sub/x.age", "No sub-folders");
    attempts.put("put x.age /outbox/../inbox/x.age", "'..' is not allowed");
    attempts.put("put x.age /etc/passwd", "No such file");
    attempts.put("put x.age /outbox/nobody/x.age", "No folder /outbox/nobody");
    attempts.put("put x.age /outbox/ars/a%2fb.age", "Encoded separators");
    attempts.put("put x.age /outbox/ars/" + "n".repeat(300), "longer than 255");
    attempts.put("mkdir /outbox/ars/new", "Folders cannot be made");
    attempts.put("rm /outbox/ars/x.age", "cannot be deleted");
    attempts.put("rename /outbox/ars/x.age /inbox/x.age", "Renaming is only possible");
    attempts.put("ln -s /inbox /outbox/ars/link", "Links are not supported");
    attempts.put("chmod 777 /inbox", "cannot be changed");
    attempts.put("rmdir /outbox", "cannot be removed");
    List<String> batch = new ArrayList<>();
    for (String a : attempts.keySet()) {
      batch.add("-" + a);
    }
    SshClients.Run r = SshClients.sftp(work, labKey, "lab", port(), batch.toArray(String[]::new));
    for (Map.Entry<String, String> a : attempts.entrySet()) {
      assertTrue(
          r.output().contains(a.getValue()),
          "[" + a.getKey() + "] should be refused with [" + a.getValue() + "]:\n" + r.output());
    }
    assertEquals(List.of(), inboxIds("ars"));
    assertEquals(List.of(), blobs());
  }

  @Test
  void aKilledUploadLeavesNoEnvelopeAndNoBlob() throws Exception {
    Path big = work.resolve("big.csv");
    byte[] line = "1850775123456 42;MARTIN;POSITIF\n".getBytes(StandardCharsets.UTF_8);
    try (var out = Files.newOutputStream(big)) {
      for (int i = 0; i < 12_000_000; i++) {
        out.write(line);
      }
    }
    Path batch = work.resolve("kill.txt");
    Files.writeString(batch, "put big.csv /outbox/ars/big.csv\n");
    List<String> cmd = new ArrayList<>(List.of("sftp", "-b", batch.toString()));
    cmd.addAll(SshClients.sshOptions(labKey, port(), "-P"));
    cmd.add("lab@127.0.0.1");
    Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (staged().isEmpty() && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(20);
    }
    assertTrue(p.isAlive(), "the upload ended before it could be killed");
    assertEquals(1, staged().size(), "the upload is being staged");
    p.destroyForcibly().waitFor();
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!blobs().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(List.of(), blobs(), "the staged blob is removed");
    assertEquals(List.of(), inboxIds("ars"));
  }

  @Test
  void rcloneCopiesAFolderToAnOutbox() throws Exception {
    Path folder = Files.createDirectory(work.resolve("batch"));
    for (int i = 0; i < 5; i++) {
      Files.write(
          folder.resolve("result-" + i + ".csv.age"),
          Ages.encrypt(random, ("result " + i).getBytes(StandardCharsets.UTF_8), arsKey));
    }
    Files.write(folder.resolve("large.age"), Ages.encrypt(random, new byte[3_000_000], arsKey));
    SshClients.Run r =
        SshClients.run(
            work,
            List.of(
                "rclone",
                "copy",
                "--config",
                "/dev/null",
                "--sftp-host",
                "127.0.0.1",
                "--sftp-port",
                Integer.toString(port()),
                "--sftp-user",
                "lab",
                "--sftp-key-file",
                labKey.toString(),
                "--sftp-shell-type",
                "none",
                "--sftp-disable-hashcheck",
                "--retries",
                "1",
                folder.toString(),
                ":sftp:/outbox/ars"),
            120);
    assertEquals(0, r.exit(), r.output());
    assertEquals(6, inboxIds("ars").size());
  }

  @Test
  void lftpMirrorsAFolderToAnOutbox() throws Exception {
    Path folder = Files.createDirectory(work.resolve("batch"));
    for (int i = 0; i < 4; i++) {
      Files.write(
          folder.resolve("result-" + i + ".csv.age"),
          Ages.encrypt(random, ("result " + i).getBytes(StandardCharsets.UTF_8), arsKey));
    }
    String ssh = "ssh -a -x " + String.join(" ", SshClients.sshOptions(labKey, port(), "-p"));
    SshClients.Run r =
        SshClients.run(
            work,
            List.of(
                "lftp",
                "-c",
                "set sftp:connect-program \""
                    + ssh
                    + "\"; set net:max-retries 1; open -u lab, sftp://127.0.0.1:"
                    + port()
                    + "; mirror -R --no-perms "
                    + folder
                    + " /outbox/ars"),
            120);
    assertEquals(0, r.exit(), r.output());
    assertEquals(4, inboxIds("ars").size());
  }

  @Test
  void anUnknownKeyIsRefusedAndLogged() throws Exception {
    Path stranger = SshClients.keygen(work, "stranger");
    SshClients.Run r = SshClients.sftp(work, stranger, "lab", port(), "ls /inbox");
    assertNotEquals(0, r.exit(), r.output());
    SshClients.Run wrongUser = SshClients.sftp(work, labKey, "ars", port(), "ls /inbox");
    assertNotEquals(0, wrongUser.exit(), wrongUser.output());
    SshClients.Run shell =
        SshClients.run(
            work,
            concat(
                List.of("ssh"),
                SshClients.sshOptions(labKey, port(), "-p"),
                List.of("lab@127.0.0.1", "id")),
            60);
    assertNotEquals(0, shell.exit(), "no exec: " + shell.output());

    addAdmin("root");
    String root = session("root");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<JsonNode> failures = new ArrayList<>();
    while (failures.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      failures.clear();
      HttpResponse<String> log = get("/api/audit/entries?start=0&end=1000", root);
      assertEquals(200, log.statusCode(), log.body());
      for (JsonNode e : json(log.body()).get("entries")) {
        JsonNode entry =
            json(
                new String(
                    java.util.Base64.getDecoder().decode(e.asText()), StandardCharsets.UTF_8));
        if (entry.get("type").asText().equals("sftp.login.failure")) {
          failures.add(entry);
        }
      }
    }
    assertEquals(2, failures.size(), "one entry per failed connection: " + failures);
    assertEquals("lab", failures.get(0).get("name").asText());
    assertEquals(fingerprint(stranger), failures.get(0).get("sshKey").asText());
    assertEquals("unknown_key", failures.get(0).get("reason").asText());
    assertEquals("ars", failures.get(1).get("name").asText());
    assertEquals(fingerprint(labKey), failures.get(1).get("sshKey").asText());
  }

  private static List<String> concat(List<String> a, List<String> b, List<String> c) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    out.addAll(c);
    return out;
  }

  private List<Path> staged() throws java.io.IOException {
    return blobs().stream()
        .filter(p -> p.getFileName().toString().startsWith(".staging-"))
        .toList();
  }

  private List<String> inboxIds(String name) throws Exception {
    HttpResponse<String> r = get("/api/inbox", session(name));
    assertEquals(200, r.statusCode(), r.body());
    List<String> ids = new ArrayList<>();
    for (JsonNode e : json(r.body()).get("envelopes")) {
      ids.add(e.get("id").asText());
    }
    return ids;
  }
}
