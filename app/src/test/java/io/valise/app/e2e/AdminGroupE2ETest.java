package io.valise.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code valise admin group ...} on the server's data directory (SQLite) or configured database
 * (PostgreSQL) while it runs, and with {@code --remote} through its API: an administrator's
 * changes, the shared account/group namespace, bad input that changes nothing, and a
 * non-administrator refused.
 */
class AdminGroupE2ETest extends E2eServer {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code --data DIR}, plus {@code --config FILE} naming the PostgreSQL database. */
  private String[] local(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("admin", "group"));
    all.addAll(List.of(args));
    all.addAll(List.of("--data", dir().resolve("server").toString()));
    String u = url;
    if (u != null) {
      Path config = dir().resolve("valise.properties");
      Files.writeString(config, "database.url=" + u + "\n", StandardCharsets.UTF_8);
      all.addAll(List.of("--config", config.toString()));
    }
    return all.toArray(String[]::new);
  }

  private static String[] remote(String... args) {
    return Stream.concat(
            Stream.of("admin", "group"), Stream.concat(Stream.of(args), Stream.of("--remote")))
        .toArray(String[]::new);
  }

  /** Fails with exit code {@code code} and one error line containing {@code message}. */
  private static void fails(Run r, int code, String message) {
    assertEquals(code, r.code(), r.toString());
    List<String> errors = r.err().lines().filter(l -> l.startsWith("valise: error: ")).toList();
    assertEquals(1, errors.size(), r.toString());
    assertTrue(errors.getFirst().contains(message), r.toString());
  }

  private static List<String> members(Run show) throws Exception {
    List<String> out = new ArrayList<>();
    JSON.readTree(show.out()).get("members").forEach(m -> out.add(m.asText()));
    return out;
  }

  @Test
  void localModeManagesGroupsAndChangesNothingOnBadInput() throws Exception {
    Person op = person("op", true);
    person("alice");
    person("bob");

    assertEquals("valise: created group cpam-75\n", op.ok(local("add", "cpam-75")).out());
    fails(op.run(local("add", "alice")), 1, "The name alice is already an account or a group");
    fails(op.run(local("add", "cpam-75")), 1, "The name cpam-75 is already an account or a group");
    fails(op.run(local("add", "Bad Name")), 1, "must be 1 to 64 characters");

    Run added = op.ok(local("member", "add", "cpam-75", "alice,bob"));
    assertTrue(added.out().contains("2 member(s): alice,bob"), added.toString());
    assertEquals(List.of("alice", "bob"), members(op.ok(local("show", "cpam-75", "--json"))));
    Run text = op.ok(local("show", "cpam-75"));
    assertTrue(text.out().contains("members  alice,bob"), text.toString());

    op.ok(local("member", "remove", "cpam-75", "bob"));
    // One unknown account: the known one is not added either.
    fails(
        op.run(local("member", "add", "cpam-75", "bob,nobody,ghost")),
        1,
        "No account named nobody, ghost");
    assertEquals(List.of("alice"), members(op.ok(local("show", "cpam-75", "--json"))));
    fails(op.run(local("member", "remove", "nope", "alice")), 1, "No group named nope");
    fails(op.run(local("member", "add", "cpam-75", "bob", "ghost")), 1, "No account named ghost");
    assertEquals(List.of("alice"), members(op.ok(local("show", "cpam-75", "--json"))));

    // The server sees what was written to its database.
    login(op);
    JsonNode listed = JSON.readTree(op.ok(remote("list", "--json")).out());
    assertEquals(1, listed.get("groups").size(), listed.toString());
    assertEquals("cpam-75", listed.get("groups").get(0).get("name").asText());
    assertEquals("alice", listed.get("groups").get(0).get("members").get(0).asText());

    fails(op.run(local("show", "nope")), 1, "No group named nope");
    fails(op.run(local("delete", "nope")), 1, "No group named nope");
    assertEquals("valise: deleted group cpam-75\n", op.ok(local("delete", "cpam-75")).out());
    assertEquals("no group\n", op.ok(local("list")).out());
    op.ok(local("add", "cpam-75")); // the name is free again
    assertTrue(op.ok(local("list")).out().lines().anyMatch(l -> l.matches("cpam-75 +\\S+ +-")));
  }

  @Test
  void localModeRefusesAMissingDatabaseAndNeverCreatesOne() throws Exception {
    Person op = person("op", true);
    Path typo = dir().resolve("valise-dta");
    fails(
        op.run("admin", "group", "add", "g", "--data", typo.toString()),
        1,
        "No Valise database at");
    assertFalse(Files.exists(typo));
  }

  @Test
  void usageErrors() throws Exception {
    Person op = person("op", true);
    fails(op.run("admin", "group", "list", "--remote", "--data", "x"), 2, "--remote");
    fails(op.run("admin", "group", "add", "g", "--remote", "--config", "x"), 2, "--config");
    fails(op.run("admin", "group", "member", "add", "g"), 2, "ACCOUNT");
    Run help = op.ok("admin", "group", "member", "add", "--help");
    assertTrue(
        help.out().contains("Examples:") && help.out().contains("--remote"), help.toString());
  }

  @Test
  void remoteModeAsAnAdministrator() throws Exception {
    Person op = person("op", true);
    person("alice");
    person("bob");
    person("carol");
    fails(op.run(remote("list")), 1, "not logged in");
    login(op);

    assertEquals("valise: created group ars-idf\n", op.ok(remote("add", "ars-idf")).out());
    fails(op.run(remote("add", "alice")), 1, "The name alice is already an account or a group");
    op.ok(remote("member", "add", "ars-idf", "alice,bob"));
    assertEquals(List.of("alice", "bob"), members(op.ok(remote("show", "ars-idf", "--json"))));

    // carol is added, then taken out again when ghost turns out not to exist.
    fails(op.run(remote("member", "add", "ars-idf", "carol,ghost")), 1, "No account named ghost");
    assertEquals(List.of("alice", "bob"), members(op.ok(remote("show", "ars-idf", "--json"))));
    // bob is removed, then put back.
    fails(op.run(remote("member", "remove", "ars-idf", "bob,ghost")), 1, "No account named ghost");
    assertEquals(List.of("alice", "bob"), members(op.ok(remote("show", "ars-idf", "--json"))));
    fails(op.run(remote("member", "add", "nope", "bob")), 1, "No group named nope");

    op.ok(remote("member", "remove", "ars-idf", "alice"));
    assertEquals(List.of("bob"), members(op.ok(local("show", "ars-idf", "--json"))));
    fails(op.run(remote("delete", "nope")), 1, "No group named nope");
    op.ok(remote("delete", "ars-idf"));
    assertEquals("no group\n", op.ok(local("list")).out());
  }

  @Test
  void remoteModeRefusesANonAdministratorAndChangesNothing() throws Exception {
    Person op = person("op", true);
    Person alice = person("alice");
    op.ok(local("add", "ars-idf"));
    op.ok(local("member", "add", "ars-idf", "op"));
    login(alice);

    fails(alice.run(remote("add", "mine")), 1, "alice is not an administrator of " + serverUrl());
    fails(alice.run(remote("member", "add", "ars-idf", "alice")), 1, "not an administrator");
    fails(alice.run(remote("member", "remove", "ars-idf", "op")), 1, "not an administrator");
    fails(alice.run(remote("delete", "ars-idf")), 1, "not an administrator");

    // Reading is allowed to every account, as in the API (senders address groups).
    JsonNode all = JSON.readTree(alice.ok(remote("list", "--json")).out());
    assertEquals(1, all.get("groups").size(), all.toString());
    assertEquals(List.of("op"), members(op.ok(local("show", "ars-idf", "--json"))));
  }
}
