package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The SSH key routes: an account's own keys, an administrator's view, and the refusals. */
class SshKeyTest extends ServerTest {
  // Made with ssh-keygen; the fingerprints are what ssh-keygen -lf printed.
  static final String ED25519 =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPEx/PKtVNMhQ4nGDlngxslaBHvojbgAiTQnFyYg/w6t"
          + " lab-lis@cerballiance";
  static final String ED25519_FINGERPRINT = "SHA256:+3jXewIYA/EcOKP+3vOIwDzF3E/X0etlfULON8FX41k";
  static final String ECDSA256 =
      "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBN/LpgDksfo1gT3aiZdgs0Xu3gpiNkK43oOjiVUE+tJf9mY6xr6PSRW160Uos3qvxvtMdUlFgiiPV6QRXiUCcOU="
          + " e256";
  static final String ECDSA256_FINGERPRINT = "SHA256:V09AU8JLCpcLmrepTNOhy80+jK3ZWyQWIirBg4hnSto";
  static final String RSA1024 =
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDNS6dulomnssK26F1NZSk0ZYToUbCEJ1I/G5/pq31+wMiIDTD7NowRU1M1L4kTrRMBYIbQ5MdoW83u3fqg+c2pe7di9CG7L/Z0FJaA0kdTT30uDxqqOGBtpFdU1+8vgT3ydS3WlFOgKA3jQIyrfrsEwJAFoTcYprbt/74FtaI2Kw=="
          + " rsa1024";

  private HttpResponse<String> add(String bearer, String path, String line, @Nullable String c)
      throws Exception {
    ObjectNode body = JSON.createObjectNode().put("publicKey", line);
    if (c != null) {
      body.put("comment", c);
    }
    return callJson("POST", path, bearer, body.toString());
  }

  private HttpResponse<String> add(String bearer, String line) throws Exception {
    return add(bearer, "/api/ssh-keys", line, null);
  }

  private List<JsonNode> keys(String bearer, String path) throws Exception {
    HttpResponse<String> r = get(path, bearer);
    assertEquals(200, r.statusCode(), r.body());
    return StreamSupport.stream(json(r.body()).get("keys").spliterator(), false).toList();
  }

  /** A well-formed Ed25519 public key line with random key bytes. */
  private String randomEd25519() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
    b.writeBytes(new byte[] {0, 0, 0, (byte) type.length});
    b.writeBytes(type);
    b.writeBytes(new byte[] {0, 0, 0, 32});
    byte[] k = new byte[32];
    random.nextBytes(k);
    b.writeBytes(k);
    return "ssh-ed25519 " + Base64.getEncoder().encodeToString(b.toByteArray());
  }

  @Test
  void anAccountAddsListsAndRemovesItsOwnKeys() throws Exception {
    addUser("lab");
    addUser("bob");
    String lab = session("lab");
    String bob = session("bob");

    HttpResponse<String> r = add(lab, ED25519);
    assertEquals(201, r.statusCode(), r.body());
    JsonNode ed = json(r.body());
    assertEquals("ssh-ed25519", ed.get("algorithm").asText());
    assertEquals(ED25519_FINGERPRINT, ed.get("fingerprint").asText());
    assertEquals("lab-lis@cerballiance", ed.get("comment").asText(), "the line's comment");
    assertEquals(Instant.parse("2026-03-01T09:00:00Z"), Instant.parse(ed.get("addedAt").asText()));
    assertEquals(26, ed.get("id").asText().length());

    clock.advance(Duration.ofMinutes(1));
    r = add(lab, "/api/ssh-keys", ECDSA256, "  night batch (site Nord)  ");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode ec = json(r.body());
    assertEquals("night batch (site Nord)", ec.get("comment").asText(), "the given comment wins");
    assertEquals(ECDSA256_FINGERPRINT, ec.get("fingerprint").asText());

    assertEquals(List.of(ed, ec), keys(lab, "/api/ssh-keys"), "oldest first");
    assertEquals(List.of(), keys(bob, "/api/ssh-keys"));

    String edId = ed.get("id").asText();
    assertProblem(call("DELETE", "/api/ssh-keys/" + edId, bob, null), 404, "not_found");
    assertProblem(call("DELETE", "/api/ssh-keys/not-an-id", lab, null), 404, "not_found");
    assertEquals(2, keys(lab, "/api/ssh-keys").size(), "another account's delete changed nothing");
    HttpResponse<String> del = call("DELETE", "/api/ssh-keys/" + edId, lab, null);
    assertEquals(204, del.statusCode(), del.body());
    assertProblem(call("DELETE", "/api/ssh-keys/" + edId, lab, null), 404, "not_found");
    assertEquals(List.of(ec), keys(lab, "/api/ssh-keys"));

    // Removed, the key may be registered again, by anyone.
    assertEquals(201, add(bob, ED25519).statusCode());
  }

  @Test
  void aBadKeyIsRefusedWithTheParsersMessageAndChangesNothing() throws Exception {
    addUser("lab");
    String lab = session("lab");
    HttpResponse<String> r = add(lab, RSA1024);
    assertProblem(r, 400, "bad_ssh_key");
    assertTrue(json(r.body()).get("detail").asText().contains("RSA key of 1024 bits"), r.body());
    r = add(lab, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----");
    assertProblem(r, 400, "bad_ssh_key");
    assertTrue(json(r.body()).get("detail").asText().contains("private key"), r.body());
    assertProblem(add(lab, "ssh-dss AAAA"), 400, "bad_ssh_key");
    assertProblem(add(lab, "/api/ssh-keys", ED25519, "x".repeat(201)), 400, "bad_comment");
    assertProblem(add(lab, "/api/ssh-keys", ED25519, "evil\u202Egpj.exe"), 400, "bad_comment");
    assertProblem(callJson("POST", "/api/ssh-keys", lab, "{\"key\":\"x\"}"), 400, "bad_json");
    assertProblem(callJson("POST", "/api/ssh-keys", lab, "{}"), 400, "bad_json");
    assertEquals(List.of(), keys(lab, "/api/ssh-keys"));
  }

  @Test
  void aFingerprintBelongsToOneAccountAndAnAccountHasAtMostTwentyKeys() throws Exception {
    addUser("lab");
    addUser("bob");
    String lab = session("lab");
    String bob = session("bob");
    assertEquals(201, add(lab, ED25519).statusCode());
    HttpResponse<String> taken = add(bob, "/api/ssh-keys", ED25519, "mine now");
    assertProblem(taken, 409, "ssh_key_taken");
    assertTrue(json(taken.body()).get("detail").asText().contains(ED25519_FINGERPRINT));
    assertProblem(add(lab, ED25519), 409, "ssh_key_taken");
    assertEquals(List.of(), keys(bob, "/api/ssh-keys"));

    for (int i = 1; i < 20; i++) {
      assertEquals(201, add(lab, randomEd25519()).statusCode());
    }
    assertProblem(add(lab, randomEd25519()), 409, "too_many_ssh_keys");
    assertEquals(20, keys(lab, "/api/ssh-keys").size());
    assertEquals(201, add(bob, randomEd25519()).statusCode(), "the limit is per account");
  }

  @Test
  void addingAKeyNeedsASessionWhileAKeysTokenMayListAndRemove() throws Exception {
    addUser("lab");
    String lab = session("lab");
    HttpResponse<String> t =
        callJson("POST", "/api/tokens", lab, "{\"scopes\":[\"keys\"],\"lifetimeDays\":30}");
    assertEquals(201, t.statusCode(), t.body());
    String token = json(t.body()).get("token").asText();
    assertProblem(add(token, ED25519), 403, "insufficient_scope");
    String id = json(add(lab, ED25519).body()).get("id").asText();
    assertEquals(1, keys(token, "/api/ssh-keys").size());
    assertEquals(204, call("DELETE", "/api/ssh-keys/" + id, token, null).statusCode());
    assertEquals(List.of(), keys(lab, "/api/ssh-keys"));
  }

  @Test
  void anAdministratorManagesAnyAccountsKeys() throws Exception {
    addAdmin("root");
    addUser("lab");
    String root = session("root");
    String lab = session("lab");

    HttpResponse<String> r = add(root, "/api/accounts/lab/ssh-keys", ECDSA256, null);
    assertEquals(201, r.statusCode(), r.body());
    JsonNode k = json(r.body());
    assertEquals(List.of(k), keys(lab, "/api/ssh-keys"), "the key is the lab's");
    assertEquals(List.of(k), keys(root, "/api/accounts/lab/ssh-keys"));
    assertEquals(List.of(), keys(root, "/api/ssh-keys"), "not the administrator's");
    assertProblem(add(root, "/api/accounts/lab/ssh-keys", ECDSA256, null), 409, "ssh_key_taken");
    assertProblem(add(root, "/api/accounts/nobody/ssh-keys", ED25519, null), 404, "not_found");
    assertProblem(add(root, "/api/accounts/NO%20SUCH/ssh-keys", ED25519, null), 404, "not_found");
    assertProblem(get("/api/accounts/nobody/ssh-keys", root), 404, "not_found");

    assertProblem(add(lab, "/api/accounts/lab/ssh-keys", ED25519, null), 403, "not_admin");
    assertProblem(get("/api/accounts/lab/ssh-keys", lab), 403, "not_admin");
    String id = k.get("id").asText();
    assertProblem(call("DELETE", "/api/accounts/lab/ssh-keys/" + id, lab, null), 403, "not_admin");
    assertProblem(
        call("DELETE", "/api/accounts/root/ssh-keys/" + id, root, null), 404, "not_found");
    assertEquals(204, call("DELETE", "/api/accounts/lab/ssh-keys/" + id, root, null).statusCode());
    assertFalse(keys(lab, "/api/ssh-keys").iterator().hasNext());
  }
}
