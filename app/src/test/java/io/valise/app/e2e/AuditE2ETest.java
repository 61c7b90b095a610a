package io.valise.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The client's checks of the audit log against the real server (docs/client.md, "Clients verify"):
 * receipts of sends and key publications verified, keys proved in the log, an envelope's history, a
 * full recomputation of a clean log and its export, and a changed log key stopping commands.
 */
class AuditE2ETest extends E2eServer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RECEIPT =
      Pattern.compile("receipt of (\\S+): index (\\d+), tree size (\\d+), root ([0-9a-f]{64})");

  private Path file(Person p, String name, String content) throws Exception {
    Path f = files(p).resolve(name);
    Files.writeString(f, content);
    return f;
  }

  @Test
  void sendVerifiesItsReceiptAndTheHistoryIsProved() throws Exception {
    Person alice = ready("alice");
    Person bob = ready("bob");
    Run send =
        alice.ok("send", file(alice, "r.csv", "a,b\n").toString(), "--to", "bob", "--receipt");
    String id = send.out().strip();
    Matcher m = RECEIPT.matcher(send.err());
    assertTrue(m.find(), send.toString());
    assertEquals(id, m.group(1));
    assertTrue(Long.parseLong(m.group(2)) < Long.parseLong(m.group(3)), send.err());

    for (String name : List.of("logkeys.json", "checkpoints.json")) {
      Path state = alice.home.resolve(name);
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)), name);
      assertTrue(Files.readString(state).contains(serverUrl()), name);
    }

    Run show = alice.ok("audit", "show", id);
    List<String> lines = show.out().lines().toList();
    assertTrue(lines.get(0).matches("INDEX +TIME +TYPE +ACTOR +FROM +DETAILS"), show.out());
    String upload = lines.get(1);
    assertTrue(upload.startsWith(m.group(2) + " "), show.out()); // the receipt's index
    assertTrue(upload.contains("envelope.upload") && upload.contains(" alice "), show.out());
    assertTrue(upload.contains("payloadSha256="), show.out());
    assertTrue(show.err().contains("each proved in the log at size "), show.err());
    // bob's download is logged with its byte range (sequenced a moment after it).
    bob.ok("get", id, "-o", "-");
    Run after = alice.ok("audit", "show", id);
    for (int i = 0; i < 40 && !after.out().contains("envelope.download"); i++) {
      Thread.sleep(250);
      after = alice.ok("audit", "show", id);
    }
    assertTrue(after.out().contains("envelope.download"), after.toString());
    assertTrue(after.out().contains(" bob ") && after.out().contains("range=all"), after.out());
    // bob, a recipient, may read the history too; carol may not.
    assertTrue(bob.ok("audit", "show", id).out().contains("envelope.upload"));
    Person carol = person("carol");
    login(carol);
    assertEquals(1, carol.run("audit", "show", id).code());
  }

  @Test
  void keyPublicationIsVerifiedAndRealKeysPassTheLogCheck() throws Exception {
    Person alice = ready("alice");
    Person bob = person("bob");
    login(bob);
    Run publish = bob.ok("key", "publish", "--receipt");
    assertTrue(publish.err().contains("receipt of key "), publish.toString());
    // alice sends to bob and to a group: every key is proved in the log before encrypting.
    alice.ok("send", file(alice, "n.txt", "x").toString(), "--to", "bob");
    Path newKey = files(bob).resolve("second.key");
    bob.ok("keygen", "-o", newKey.toString());
    bob.ok("key", "publish", "-i", newKey.toString());
    alice.ok("key", "trust", "bob");
    alice.ok("send", file(alice, "m.txt", "y").toString(), "--to", "bob");
  }

  @Test
  void fullVerifyOfACleanLogAndItsExport() throws Exception {
    Person root = person("root", true);
    login(root);
    Person alice = ready("alice");
    ready("bob");
    for (int i = 0; i < 3; i++) {
      alice.ok("send", file(alice, "f" + i + ".txt", "data " + i).toString(), "--to", "bob");
    }
    Run verify = root.ok("audit", "verify", "--full");
    assertTrue(
        verify.out().startsWith("audit log of " + serverUrl() + " verified: size "),
        verify.toString());
    assertTrue(verify.err().contains("recompute to the checkpoint's root"), verify.toString());
    long size = Long.parseLong(verify.out().replaceAll("(?s).*size (\\d+),.*", "$1"));

    Path jsonl = files(root).resolve("audit.jsonl");
    Run export = root.ok("audit", "export", "-o", jsonl.toString());
    List<String> lines = Files.readAllLines(jsonl);
    assertTrue(lines.size() >= size, export.toString());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode e = JSON.readTree(lines.get(i));
      assertEquals(i, e.get("index").asLong());
      assertTrue(e.has("type") && e.has("time"), lines.get(i));
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"envelope.upload\"")));
    Path csv = files(root).resolve("audit.csv");
    root.ok("audit", "export", "--format", "csv", "-o", csv.toString());
    List<String> rows = Files.readAllLines(csv);
    assertTrue(rows.get(0).startsWith("index,time,type,actor,actorName,from,via,v"), rows.get(0));
    // The log may have grown between the two exports (entries still being sequenced).
    assertTrue(rows.size() >= lines.size() + 1, rows.size() + " rows, " + lines.size() + " lines");
    Run none = root.ok("audit", "export", "--since", "2999-01-01T00:00:00Z");
    assertEquals("", none.out());

    Run notAdmin = alice.run("audit", "verify", "--full");
    assertEquals(1, notAdmin.code(), notAdmin.toString());
    assertEquals(0, alice.ok("audit", "verify").code());
  }

  @Test
  void aChangedLogKeyStopsEveryCommand() throws Exception {
    Person alice = ready("alice");
    Path pins = alice.home.resolve("logkeys.json");
    ObjectNode root = (ObjectNode) JSON.readTree(pins.toFile());
    String real = root.get("servers").get(serverUrl()).asText();
    // Another key with the same name: what a server that swapped its log key would serve.
    String name = real.substring(0, real.indexOf('+'));
    String other;
    try (var signer =
        io.valise.tlog.note.NoteSigner.generate(name, new java.security.SecureRandom())) {
      other = signer.verifier().encode();
    }
    ((ObjectNode) root.get("servers")).put(serverUrl(), other);
    JSON.writeValue(pins.toFile(), root);
    for (String[] cmd : new String[][] {{"inbox"}, {"audit", "verify"}, {"key", "list"}}) {
      Run r = alice.run(cmd);
      assertEquals(3, r.code(), r.toString());
      assertTrue(r.err().contains(real) && r.err().contains(other), r.err());
      assertTrue(r.err().contains("changed"), r.err());
    }
    // Logging in again with the real key, given explicitly, accepts it again.
    alice.okWithInput(
        PASSWORD + "\n",
        "login",
        serverUrl(),
        "--user",
        "alice",
        "--password-stdin",
        "--log-key",
        real);
    alice.ok("inbox");
    Run wrong =
        alice.input(
            PASSWORD + "\n",
            "login",
            serverUrl(),
            "--user",
            "alice",
            "--password-stdin",
            "--log-key",
            other);
    assertEquals(3, wrong.code(), wrong.toString());
  }
}
