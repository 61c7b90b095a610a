package io.valise.server.api.directory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.auth.TokenScope;
import io.valise.core.group.Group;
import io.valise.core.group.GroupRepository;
import io.valise.core.id.AccountId;
import io.valise.core.keydir.KeyDirectory;
import io.valise.server.api.keydir.KeyJson;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/directory/{name}}: what a sender encrypts to, for an account or a group (its
 * active members), each with its current keys; and {@code GET /api/me} with the caller's own keys,
 * so a sender can add itself as a recipient, and whether it has a second factor. A member with no
 * key is listed with no keys: the client refuses to send and names it.
 */
public final class DirectoryRoutes {
  private final AccountRepository accounts;
  private final GroupRepository groups;
  private final KeyDirectory keys;
  private final NameResolver names;
  private final KeyJson keyJson;

  public DirectoryRoutes(
      AccountRepository accounts,
      GroupRepository groups,
      KeyDirectory keys,
      NameResolver names,
      KeyJson keyJson) {
    this.accounts = accounts;
    this.groups = groups;
    this.keys = keys;
    this.names = names;
    this.keyJson = keyJson;
  }

  public List<Route> routes() {
    return List.of(
        new Route(
            "GET", "/api/directory/{name}", Access.AUTHENTICATED, TokenScope.SEND, this::lookUp),
        new Route("GET", "/api/me", Access.AUTHENTICATED, this::me));
  }

  private void lookUp(Exchange ex) throws IOException {
    String name = ex.param("name");
    boolean valid = name.matches("[a-z0-9._-]{1,64}");
    Optional<Account> account =
        valid ? accounts.findByName(name).filter(Account::active) : Optional.empty();
    ObjectNode out = Json.object();
    ArrayNode members = Json.object().arrayNode();
    if (account.isPresent()) {
      out.put("name", account.get().name());
      out.put("type", "account");
      members.add(member(account.get()));
    } else {
      Group g =
          (valid ? groups.findByName(name) : Optional.<Group>empty())
              .orElseThrow(() -> new ApiException.NotFound("No account or group by that name"));
      out.put("name", g.name());
      out.put("type", "group");
      names.members(g).forEach(a -> members.add(member(a)));
    }
    out.set("members", members);
    ex.json(200, out);
  }

  private ObjectNode member(Account a) {
    ObjectNode m = Json.object();
    m.put("account", a.name());
    m.set("keys", keysOf(a.id()));
    return m;
  }

  private ArrayNode keysOf(AccountId id) {
    ArrayNode out = Json.object().arrayNode();
    keys.current(id).forEach(k -> out.add(keyJson.describe(k)));
    return out;
  }

  private void me(Exchange ex) throws IOException {
    ObjectNode out = Json.object();
    out.put("account", ex.principal().name());
    out.put("name", ex.principal().name());
    out.put("admin", ex.principal().admin());
    out.put(
        "secondFactor",
        accounts.find(ex.principal().account()).map(a -> a.totpSecret() != null).orElse(false));
    out.set("keys", keysOf(ex.principal().account()));
    ex.json(200, out);
  }
}
