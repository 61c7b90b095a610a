package io.valise.app.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The valise client verbs against the real server, on the routes main has: login, key publish, send
 * to a person, inbox, get (bytes compared), outbox, key pinning (a changed key is refused until
 * trusted), logout.
 */
class ClientE2ETest extends E2eServer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private byte[] write(Path file, int size) throws Exception {
    byte[] data = new byte[size];
    random.nextBytes(data);
    Files.write(file, data);
    return data;
  }

  private static String id(Run send) {
    List<String> ids = send.out().lines().toList();
    assertEquals(1, ids.size(), send.toString());
    return ids.get(0);
  }

  @Test
  void sendInboxGetOutbox() throws Exception {
    Person alice = ready("alice");
    Person bob = ready("bob");
    Path report = files(alice).resolve("report.csv");
    byte[] data = write(report, 200_000); // several 64 KiB chunks

    String id = id(alice.ok("send", report.toString(), "--to", "bob", "--max-downloads", "5"));

    Run inbox = bob.ok("inbox");
    assertTrue(inbox.out().contains(id), inbox.toString());
    assertTrue(inbox.out().contains("alice"), inbox.toString());
    JsonNode listed = JSON.readTree(bob.ok("inbox", "--json").out());
    assertEquals(id, listed.get(0).get("id").asText());
    assertEquals("alice", listed.get(0).get("sender").asText());
    assertEquals(5, listed.get(0).get("downloadsLeft").asInt());

    Path into = files(bob);
    bob.ok("get", id, "-o", into.toString());
    Path got = into.resolve("report.csv");
    assertArrayEquals(data, Files.readAllBytes(got));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(got)));

    Run again = bob.run("get", id, "-o", into.toString());
    assertEquals(1, again.code(), again.toString());
    assertTrue(again.err().contains("already exists"), again.err());
    assertArrayEquals(data, Files.readAllBytes(got));
    assertEquals(List.of("report.csv"), listNames(into));

    assertArrayEquals(data, bob.ok("get", id, "-o", "-").bytes());
    // The sender's own key is a recipient: alice can open what she sent.
    assertArrayEquals(data, alice.ok("get", id, "-o", "-").bytes());

    Run outbox = alice.ok("outbox");
    assertTrue(outbox.out().contains(id) && outbox.out().contains("bob"), outbox.toString());
    JsonNode sent = JSON.readTree(alice.ok("outbox", "--json").out());
    assertEquals("bob", sent.get(0).get("recipients").get(0).asText());
  }

  private static List<String> listNames(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.map(p -> String.valueOf(p.getFileName())).sorted().toList();
    }
  }

  @Test
  void aPinnedKeyThatChangesIsRefusedUntilTrusted() throws Exception {
    Person alice = ready("alice");
    Person bob = ready("bob");
    Path note = files(alice).resolve("note.txt");
    byte[] data = "results for bob".getBytes(StandardCharsets.UTF_8);
    Files.write(note, data);
    alice.ok("send", note.toString(), "--to", "bob"); // pins bob's first key

    Path newKey = files(bob).resolve("new.key");
    Run keygen = bob.ok("keygen", "-o", newKey.toString());
    String newRecipient = keygen.err().strip().substring("Public key: ".length());
    bob.ok("key", "publish", "-i", newKey.toString());

    Run refused = alice.run("send", note.toString(), "--to", "bob");
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(refused.err().startsWith("valise: error: "), refused.err());
    assertTrue(refused.err().contains("bob"), refused.err());
    assertTrue(refused.err().contains(newRecipient), refused.err());
    assertTrue(refused.err().contains("valise key trust bob"), refused.err());
    assertEquals("", refused.out());
    assertEquals(1, JSON.readTree(alice.ok("outbox", "--json").out()).size());

    Run list = alice.ok("key", "list", "bob");
    assertTrue(list.out().contains("CHANGED"), list.out());

    Run trust = alice.ok("key", "trust", "bob");
    assertTrue(trust.out().contains("old"), trust.out());
    assertTrue(trust.out().contains(newRecipient), trust.out());

    String id = id(alice.ok("send", note.toString(), "--to", "bob"));
    assertArrayEquals(data, bob.ok("get", id, "-i", newKey.toString(), "-o", "-").bytes());
    assertFalse(alice.ok("key", "list", "bob").out().contains("CHANGED"));
  }

  @Test
  void stateFilesArePrivate() throws Exception {
    Person alice = ready("alice");
    ready("bob");
    Path f = files(alice).resolve("a.txt");
    Files.writeString(f, "x");
    alice.ok("send", f.toString(), "--to", "bob");
    assertEquals("rwx------", mode(alice.home));
    for (String name : List.of("session.json", "pins.json", "identity")) {
      assertEquals("rw-------", mode(alice.home.resolve(name)), name);
    }
    String pins = Files.readString(alice.home.resolve("pins.json"));
    assertTrue(pins.contains(serverUrl()) && pins.contains("\"bob\""), pins);
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void refusalsNameTheProblem() throws Exception {
    Person alice = ready("alice");
    Person carol = person("carol");
    Path f = files(alice).resolve("a.txt");
    Files.writeString(f, "x");

    Run noKey = alice.run("send", f.toString(), "--to", "carol");
    assertEquals(1, noKey.code(), noKey.toString());
    assertTrue(noKey.err().contains("carol") && noKey.err().contains("key publish"), noKey.err());

    Run unknown = alice.run("send", f.toString(), "--to", "nobody");
    assertEquals(1, unknown.code(), unknown.toString());
    assertTrue(unknown.err().contains("not_found"), unknown.err());

    Run notLoggedIn = carol.run("inbox");
    assertEquals(1, notLoggedIn.code());
    assertTrue(notLoggedIn.err().contains("valise login"), notLoggedIn.err());

    Run wrong = carol.input("wrong\n", "login", serverUrl(), "--user", "carol", "--password-stdin");
    assertEquals(1, wrong.code(), wrong.toString());
    assertTrue(wrong.err().contains("bad_credentials"), wrong.err());

    Run usage = alice.run("send", f.toString());
    assertEquals(2, usage.code(), usage.toString());
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    Person alice = ready("alice");
    alice.ok("logout");
    assertFalse(Files.exists(alice.home.resolve("session.json")));
    Run after = alice.run("inbox");
    assertEquals(1, after.code(), after.toString());
    assertTrue(Files.exists(alice.home.resolve("identity")), "the identity stays");
  }
}
