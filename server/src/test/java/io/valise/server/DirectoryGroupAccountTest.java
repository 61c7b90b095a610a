package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.age.x25519.X25519Identity;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Groups and accounts managed by administrators, the admin access level, and the directory. */
class DirectoryGroupAccountTest extends ServerTest {
  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private String publishKey(String session) throws Exception {
    String recipient = X25519Identity.generate(random).recipient().encode();
    HttpResponse<String> r =
        callJson("POST", "/api/keys", session, "{\"recipient\":\"" + recipient + "\"}");
    assertEquals(201, r.statusCode(), r.body());
    return recipient;
  }

  @Test
  void onlyAdministratorsManageGroupsAndEveryoneReadsThem() throws Exception {
    addAdmin("root");
    addUser("bob");
    addUser("carol");
    String root = session("root");
    String bob = session("bob");

    assertProblem(callJson("POST", "/api/groups", bob, "{\"name\":\"cpam-75\"}"), 403, "not_admin");
    assertProblem(call("PUT", "/api/groups/x/members/bob", bob, null), 403, "not_admin");
    assertEquals("[]", json(get("/api/groups", bob).body()).get("groups").toString());

    HttpResponse<String> made = callJson("POST", "/api/groups", root, "{\"name\":\"cpam-75\"}");
    assertEquals(201, made.statusCode(), made.body());
    assertEquals("cpam-75", json(made.body()).get("name").asText());
    assertEquals(0, json(made.body()).get("members").size());

    assertProblem(
        callJson("POST", "/api/groups", root, "{\"name\":\"cpam-75\"}"), 409, "name_taken");
    assertProblem(callJson("POST", "/api/groups", root, "{\"name\":\"bob\"}"), 409, "name_taken");
    assertProblem(
        callJson("POST", "/api/groups", root, "{\"name\":\"Bad Name\"}"), 400, "bad_name");
    assertProblem(callJson("POST", "/api/groups", root, "{\"nom\":\"x\"}"), 400, "bad_json");

    assertEquals(200, call("PUT", "/api/groups/cpam-75/members/bob", root, null).statusCode());
    HttpResponse<String> two = call("PUT", "/api/groups/cpam-75/members/carol", root, null);
    assertEquals(List.of("bob", "carol"), texts(json(two.body()).get("members")));
    assertProblem(call("PUT", "/api/groups/cpam-75/members/nobody", root, null), 404, "not_found");
    assertProblem(call("PUT", "/api/groups/nothing/members/bob", root, null), 404, "not_found");
    HttpResponse<String> one = call("DELETE", "/api/groups/cpam-75/members/carol", root, null);
    assertEquals(List.of("bob"), texts(json(one.body()).get("members")));

    HttpResponse<String> read = get("/api/groups/cpam-75", bob);
    assertEquals(200, read.statusCode(), read.body());
    assertEquals(List.of("bob"), texts(json(read.body()).get("members")));
    assertEquals(1, json(get("/api/groups", bob).body()).get("groups").size());

    assertProblem(call("DELETE", "/api/groups/cpam-75", bob, null), 403, "not_admin");
    assertEquals(204, call("DELETE", "/api/groups/cpam-75", root, null).statusCode());
    assertProblem(get("/api/groups/cpam-75", bob), 404, "not_found");
  }

  @Test
  void anAdminTokenActsForAnAdministratorAndOtherScopesDoNot() throws Exception {
    addAdmin("root");
    String root = session("root");
    HttpResponse<String> issued =
        callJson("POST", "/api/tokens", root, "{\"scopes\":[\"admin\"],\"lifetimeDays\":1}");
    assertEquals(201, issued.statusCode(), issued.body());
    String adminToken = json(issued.body()).get("token").asText();
    String sendToken =
        json(callJson("POST", "/api/tokens", root, "{\"scopes\":[\"send\"],\"lifetimeDays\":1}")
                .body())
            .get("token")
            .asText();
    assertEquals(
        201, callJson("POST", "/api/groups", adminToken, "{\"name\":\"ars\"}").statusCode());
    assertProblem(
        callJson("POST", "/api/groups", sendToken, "{\"name\":\"ars2\"}"),
        403,
        "insufficient_scope");
    assertEquals(200, get("/api/groups", sendToken).statusCode());
    assertEquals(200, get("/api/accounts", adminToken).statusCode());
  }

  @Test
  void administratorsCreateListAndDisableAccounts() throws Exception {
    addAdmin("root");
    addUser("bob");
    String root = session("root");
    String bob = session("bob");
    String dave =
        "{\"name\":\"dave\",\"password\":\"" + PASSWORD + "\",\"admin\":false,\"kind\":\"SYSTEM\"}";

    assertProblem(callJson("POST", "/api/accounts", bob, dave), 403, "not_admin");
    assertProblem(get("/api/accounts", bob), 403, "not_admin");
    assertProblem(
        callJson("POST", "/api/accounts", root, "{\"name\":\"d\",\"password\":\"short\"}"),
        400,
        "bad_password");
    assertProblem(
        callJson(
            "POST",
            "/api/accounts",
            root,
            "{\"name\":\"d\",\"password\":\"" + PASSWORD + "\"," + "\"kind\":\"ROBOT\"}"),
        400,
        "bad_kind");
    assertProblem(
        callJson(
            "POST", "/api/accounts", root, "{\"name\":\"D!\",\"password\":\"" + PASSWORD + "\"}"),
        400,
        "bad_name");
    assertEquals(2, json(get("/api/accounts", root).body()).get("accounts").size(), "nothing made");

    HttpResponse<String> made = callJson("POST", "/api/accounts", root, dave);
    assertEquals(201, made.statusCode(), made.body());
    assertEquals("SYSTEM", json(made.body()).get("kind").asText());
    assertFalse(json(made.body()).get("admin").asBoolean());
    assertProblem(callJson("POST", "/api/accounts", root, dave), 409, "name_taken");
    assertEquals(201, callJson("POST", "/api/groups", root, "{\"name\":\"ars\"}").statusCode());
    assertProblem(
        callJson(
            "POST", "/api/accounts", root, "{\"name\":\"ars\",\"password\":\"" + PASSWORD + "\"}"),
        409,
        "name_taken");

    String daveSession = session("dave");
    JsonNode listed = json(get("/api/accounts", root).body()).get("accounts");
    assertEquals(3, listed.size());
    JsonNode d = listed.get(1);
    assertEquals("dave", d.get("name").asText());
    assertFalse(d.get("disabled").asBoolean());
    assertFalse(d.get("secondFactor").asBoolean());

    HttpResponse<String> off = call("POST", "/api/accounts/dave/disable", root, null);
    assertEquals(200, off.statusCode(), off.body());
    assertTrue(json(off.body()).get("disabled").asBoolean());
    assertProblem(get("/api/me", daveSession), 401, "account_disabled");
    assertProblem(login("dave", PASSWORD), 401, "bad_credentials");
    assertProblem(call("POST", "/api/accounts/nobody/disable", root, null), 404, "not_found");
  }

  @Test
  void theDirectoryResolvesAccountsAndGroupsToKeys() throws Exception {
    addAdmin("root");
    addUser("alice");
    addUser("bob");
    addUser("carol");
    String root = session("root");
    String alice = session("alice");
    String bobKey = publishKey(session("bob"));
    String aliceKey = publishKey(alice);
    callJson("POST", "/api/groups", root, "{\"name\":\"cpam-75\"}");
    call("PUT", "/api/groups/cpam-75/members/bob", root, null);
    call("PUT", "/api/groups/cpam-75/members/carol", root, null);

    JsonNode bob = json(get("/api/directory/bob", alice).body());
    assertEquals("account", bob.get("type").asText());
    assertEquals(1, bob.get("members").size());
    assertEquals("bob", bob.get("members").get(0).get("account").asText());
    assertEquals(bobKey, bob.get("members").get(0).get("keys").get(0).get("recipient").asText());

    JsonNode group = json(get("/api/directory/cpam-75", alice).body());
    assertEquals("group", group.get("type").asText());
    assertEquals("cpam-75", group.get("name").asText());
    assertEquals(2, group.get("members").size());
    assertEquals("carol", group.get("members").get(1).get("account").asText());
    assertEquals(0, group.get("members").get(1).get("keys").size(), "carol has no key yet");

    assertProblem(get("/api/directory/nobody", alice), 404, "not_found");
    assertProblem(get("/api/directory/Not%20A%20Name", alice), 404, "not_found");

    JsonNode me = json(get("/api/me", alice).body());
    assertEquals("alice", me.get("account").asText());
    assertEquals(aliceKey, me.get("keys").get(0).get("recipient").asText());

    // A group named in ?to= is expanded to its members.
    byte[] file = Ages.encrypt(random, new byte[100], X25519Identity.generate(random));
    HttpResponse<String> up = upload(alice, "to=cpam-75,bob", file);
    assertEquals(201, up.statusCode(), up.body());
    assertEquals(
        List.of("bob", "carol"),
        texts(json(up.body()).get("recipients")).stream().sorted().toList());
    assertProblem(upload(alice, "to=nobody", file), 400, "unknown_recipient");
  }

  @Test
  void localAdminRefusesATakenNameClearly() throws Exception {
    addAdmin("root");
    addUser("alice");
    assertEquals(
        201,
        callJson("POST", "/api/groups", session("root"), "{\"name\":\"ars-idf\"}").statusCode());
    for (String taken : List.of("alice", "ars-idf")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> addUser(taken));
      assertEquals("The name " + taken + " is already an account or a group", e.getMessage());
    }
  }
}
