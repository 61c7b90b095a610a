package io.valise.app.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client verbs that need the issue-3 server routes (contract-issue3.md): the directory and
 * groups, the header route (file names in inbox and outbox), re-wrapped recipients, share links and
 * revocation. Excluded in app/pom.xml until the server branch is merged.
 */
class SharingE2ETest extends E2eServer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private byte[] write(Path file, int size) throws Exception {
    byte[] data = new byte[size];
    random.nextBytes(data);
    Files.write(file, data);
    return data;
  }

  private static String id(Run send) {
    return send.out().strip();
  }

  /** Calls the admin API as {@code admin}, asserting a 2xx answer. */
  private void admin(Person admin, String method, String path, String body) throws Exception {
    String login =
        JSON.createObjectNode().put("name", admin.name).put("password", PASSWORD).toString();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(serverUrl() + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString(login))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String token = JSON.readTree(r.body()).get("token").asText();
    HttpResponse<String> a =
        http.send(
            HttpRequest.newBuilder(URI.create(serverUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(2, a.statusCode() / 100, a.body());
  }

  @Test
  void sendToAGroupAndSeeNamesInBoxes() throws Exception {
    Person admin = person("root", true);
    Person alice = ready("alice");
    Person bob = ready("bob");
    Person carol = ready("carol");
    admin(admin, "POST", "/api/groups", "{\"name\":\"cpam-75\"}");
    admin(admin, "PUT", "/api/groups/cpam-75/members/bob", "");
    admin(admin, "PUT", "/api/groups/cpam-75/members/carol", "");
    Path f = files(alice).resolve("résultats 2026.csv");
    byte[] data = write(f, 70_000);

    String id = id(alice.ok("send", f.toString(), "--to", "cpam-75"));

    for (Person p : List.of(bob, carol)) {
      Run inbox = p.ok("inbox");
      assertTrue(inbox.out().contains("résultats 2026.csv"), inbox.toString());
      JsonNode j = JSON.readTree(p.ok("inbox", "--json").out());
      assertEquals("résultats 2026.csv", j.get(0).get("name").asText());
      Path into = files(p);
      p.ok("get", id, "-o", into.toString());
      assertArrayEquals(data, Files.readAllBytes(into.resolve("résultats 2026.csv")));
    }
    Run outbox = alice.ok("outbox");
    assertTrue(outbox.out().contains("résultats 2026.csv"), outbox.toString());
  }

  @Test
  void aGroupMemberWithoutKeyIsNamed() throws Exception {
    Person admin = person("root", true);
    Person alice = ready("alice");
    ready("bob");
    person("dave");
    admin(admin, "POST", "/api/groups", "{\"name\":\"ars-idf\"}");
    admin(admin, "PUT", "/api/groups/ars-idf/members/bob", "");
    admin(admin, "PUT", "/api/groups/ars-idf/members/dave", "");
    Path f = files(alice).resolve("a.txt");
    Files.writeString(f, "x");
    Run r = alice.run("send", f.toString(), "--to", "ars-idf");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("dave"), r.err());
    assertFalse(r.err().contains("bob"), r.err());
  }

  @Test
  void shareWithAnotherAccountThenRevokeIt() throws Exception {
    Person alice = ready("alice");
    Person bob = ready("bob");
    Person carol = ready("carol");
    Path f = files(alice).resolve("scan.pdf");
    byte[] data = write(f, 1000);
    String id = id(alice.ok("send", f.toString(), "--to", "bob"));

    Run before = carol.run("get", id, "-o", "-");
    assertEquals(1, before.code(), before.toString());

    bob.ok("share", id, "--to", "carol"); // a recipient may share on
    assertArrayEquals(data, carol.ok("get", id, "-o", "-").bytes());

    alice.ok("revoke", id, "--recipient", "carol");
    assertEquals(1, carol.run("get", id, "-o", "-").code());
    assertArrayEquals(data, bob.ok("get", id, "-o", "-").bytes());

    alice.ok("revoke", id);
    assertEquals(1, bob.run("get", id, "-o", "-").code());
    assertFalse(alice.ok("outbox").out().contains(id));
  }

  @Test
  void shareLinkNeedsNoAccount() throws Exception {
    Person alice = ready("alice");
    ready("bob");
    Person stranger = new Person("stranger", dir().resolve("home-stranger"));
    Path f = files(alice).resolve("cohort.parquet");
    byte[] data = write(f, 150_000);
    String id = id(alice.ok("send", f.toString(), "--to", "bob"));

    String url = alice.ok("share", id, "--link", "--max-downloads", "2").out().strip();
    assertTrue(url.startsWith(serverUrl() + "/s/") && url.contains("#AGE-SECRET-KEY-1"), url);

    Path into = files(stranger);
    stranger.ok("get", url, "-o", into.toString());
    assertArrayEquals(data, Files.readAllBytes(into.resolve("cohort.parquet")));
    assertFalse(Files.exists(stranger.home.resolve("session.json")));

    String linkId = url.substring(url.indexOf("/s/") + 3, url.indexOf('#'));
    alice.ok("revoke", id, "--link", linkId);
    Run gone = stranger.run("get", url, "-o", "-");
    assertEquals(1, gone.code(), gone.toString());
    assertTrue(gone.err().contains("link_unavailable"), gone.err());

    Run broken = stranger.run("get", url.substring(0, url.indexOf('#')), "-o", "-");
    assertEquals(1, broken.code(), broken.toString());
    assertFalse(broken.err().contains("AGE-SECRET-KEY"), broken.err());
  }

  @Test
  void passwordProtectedLink() throws Exception {
    Person alice = ready("alice");
    ready("bob");
    Person stranger = new Person("stranger", dir().resolve("home-stranger"));
    Path f = files(alice).resolve("x.csv");
    byte[] data = write(f, 500);
    String id = id(alice.ok("send", f.toString(), "--to", "bob"));
    String url =
        alice.okWithInput("by phone\n", "share", id, "--link", "--password-stdin").out().strip();

    Run none = stranger.run("get", url, "-o", "-");
    assertEquals(1, none.code(), none.toString());
    Run wrong = stranger.input("guess\n", "get", url, "-o", "-", "--password-stdin");
    assertEquals(1, wrong.code(), wrong.toString());
    assertTrue(wrong.err().contains("bad_link_password"), wrong.err());
    assertArrayEquals(
        data,
        stranger.okWithInput("by phone\n", "get", url, "-o", "-", "--password-stdin").bytes());
  }
}
