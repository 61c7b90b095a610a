package io.valise.server.api.sshkey;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.auth.TokenScope;
import io.valise.core.id.SshKeyId;
import io.valise.core.sshkey.SshKey;
import io.valise.core.sshkey.SshKeyRepository;
import io.valise.server.audit.Audit;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET/POST /api/ssh-keys} and {@code DELETE /api/ssh-keys/{id}}: an account lists, adds and
 * removes the SSH public keys it logs in to the SFTP gateway with. Administrators do the same for
 * any account under {@code /api/accounts/{name}/ssh-keys}. Adding a key mints a login, so, as for
 * API tokens, only a session (or an administrator's admin token) may add one; a {@code keys} token
 * may list and remove.
 */
public final class SshKeyRoutes {
  private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{1,64}");

  private final AccountRepository accounts;
  private final SshKeyRepository keys;
  private final SshKeyEnrolment enrolment;
  private final Audit audit;

  public SshKeyRoutes(
      AccountRepository accounts, SshKeyRepository keys, SshKeyEnrolment enrolment, Audit audit) {
    this.accounts = accounts;
    this.keys = keys;
    this.enrolment = enrolment;
    this.audit = audit;
  }

  public List<Route> routes() {
    return List.of(
        new Route("GET", "/api/ssh-keys", Access.AUTHENTICATED, TokenScope.KEYS, this::listMine),
        new Route("POST", "/api/ssh-keys", Access.AUTHENTICATED, this::addMine),
        new Route(
            "DELETE",
            "/api/ssh-keys/{id}",
            Access.AUTHENTICATED,
            TokenScope.KEYS,
            this::removeMine),
        new Route(
            "GET", "/api/accounts/{name}/ssh-keys", Access.ADMIN, TokenScope.ADMIN, this::listOf),
        new Route(
            "POST", "/api/accounts/{name}/ssh-keys", Access.ADMIN, TokenScope.ADMIN, this::addTo),
        new Route(
            "DELETE",
            "/api/accounts/{name}/ssh-keys/{id}",
            Access.ADMIN,
            TokenScope.ADMIN,
            this::removeFrom));
  }

  private void listMine(Exchange ex) throws Exception {
    list(ex, me(ex));
  }

  private void addMine(Exchange ex) throws Exception {
    add(ex, me(ex));
  }

  private void removeMine(Exchange ex) throws Exception {
    remove(ex, me(ex));
  }

  private void listOf(Exchange ex) throws Exception {
    list(ex, named(ex));
  }

  private void addTo(Exchange ex) throws Exception {
    add(ex, named(ex));
  }

  private void removeFrom(Exchange ex) throws Exception {
    remove(ex, named(ex));
  }

  private void list(Exchange ex, Account account) throws Exception {
    ArrayNode out = Json.object().arrayNode();
    for (SshKey k : keys.of(account.id())) {
      out.add(describe(k));
    }
    ex.json(200, Json.object().put("account", account.name()).set("keys", out));
  }

  private void add(Exchange ex, Account account) throws Exception {
    ObjectNode body = ex.jsonBody(Set.of("publicKey", "comment"));
    String line = Json.string(body, "publicKey");
    String comment = Json.optionalString(body, "comment");
    SshKey key;
    try {
      key = enrolment.add(account, line, comment, audit.event(ex, "sshkey.add"));
    } catch (SshKeyEnrolment.Refused e) {
      String message = String.valueOf(e.getMessage());
      throw switch (e.reason()) {
        case BAD_KEY -> new ApiException.BadRequest("bad_ssh_key", message);
        case BAD_COMMENT -> new ApiException.BadRequest("bad_comment", message);
        case TAKEN -> new ApiException.Conflict("ssh_key_taken", message);
        case TOO_MANY -> new ApiException.Conflict("too_many_ssh_keys", message);
      };
    }
    ex.json(201, describe(key));
  }

  private void remove(Exchange ex, Account account) throws Exception {
    SshKeyId id;
    try {
      id = SshKeyId.parse(ex.param("id"));
    } catch (IllegalArgumentException e) {
      throw new ApiException.NotFound("No such SSH key");
    }
    // Another account's key answers as if it did not exist, so ids cannot be probed.
    if (enrolment.remove(account, id, audit.event(ex, "sshkey.remove")).isEmpty()) {
      throw new ApiException.NotFound("No such SSH key");
    }
    ex.noContent();
  }

  private Account me(Exchange ex) {
    return accounts
        .find(ex.principal().account())
        .orElseThrow(() -> new ApiException.NotFound("No such account"));
  }

  private Account named(Exchange ex) {
    String name = ex.param("name");
    return (NAME.matcher(name).matches() ? accounts.findByName(name) : Optional.<Account>empty())
        .orElseThrow(() -> new ApiException.NotFound("No such account"));
  }

  static ObjectNode describe(SshKey k) {
    ObjectNode o = Json.object();
    o.put("id", k.id().text());
    o.put("algorithm", k.publicKey().algorithm());
    o.put("fingerprint", k.fingerprint());
    o.put("comment", k.comment());
    o.put("addedAt", k.addedAt().toString());
    return o;
  }
}
