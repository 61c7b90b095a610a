package io.valise.server.api.group;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.auth.TokenScope;
import io.valise.core.group.Group;
import io.valise.core.group.GroupRepository;
import io.valise.core.id.GroupId;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.Transactions;
import io.valise.server.api.directory.NameResolver;
import io.valise.server.audit.Audit;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Groups: administrators create and delete them and change their members; every account (and a
 * {@code send} token) may list them, since senders address groups. A group's name may not be an
 * account's: the two share one namespace, enforced by the store.
 */
public final class GroupRoutes {
  private final GroupRepository groups;
  private final AccountRepository accounts;
  private final Clock clock;
  private final SecureRandom random;
  private final Audit audit;
  private final Transactions transactions;

  public GroupRoutes(
      GroupRepository groups,
      AccountRepository accounts,
      Clock clock,
      SecureRandom random,
      Audit audit,
      Transactions transactions) {
    this.audit = audit;
    this.transactions = transactions;
    this.groups = groups;
    this.accounts = accounts;
    this.clock = clock;
    this.random = random;
  }

  public List<Route> routes() {
    String member = "/api/groups/{name}/members/{account}";
    return List.of(
        new Route("POST", "/api/groups", Access.ADMIN, TokenScope.ADMIN, this::create),
        new Route("GET", "/api/groups", Access.AUTHENTICATED, TokenScope.SEND, this::list),
        new Route("GET", "/api/groups/{name}", Access.AUTHENTICATED, TokenScope.SEND, this::one),
        new Route("DELETE", "/api/groups/{name}", Access.ADMIN, TokenScope.ADMIN, this::delete),
        new Route("PUT", member, Access.ADMIN, TokenScope.ADMIN, ex -> member(ex, true)),
        new Route("DELETE", member, Access.ADMIN, TokenScope.ADMIN, ex -> member(ex, false)));
  }

  private void create(Exchange ex) throws IOException {
    ObjectNode body = ex.jsonBody(Set.of("name"));
    String name = Json.string(body, "name");
    Group g;
    try {
      g = new Group(GroupId.random(random), name, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    } catch (IllegalArgumentException e) {
      throw new ApiException.BadRequest("bad_name", e.getMessage() + "");
    }
    try {
      transactions.inTransaction(
          () -> {
            groups.create(g);
            return audit.append(
                audit
                    .event(ex, "group.create")
                    .put("group", g.id().text())
                    .put("groupName", g.name()));
          });
    } catch (ConflictException e) {
      throw new ApiException.Conflict(
          "name_taken", "The name [" + name + "] is already an account or a group");
    }
    ex.json(201, describe(g));
  }

  private void list(Exchange ex) throws IOException {
    ArrayNode out = Json.object().arrayNode();
    for (Group g : groups.list()) {
      out.add(describe(g));
    }
    ObjectNode o = Json.object();
    o.set("groups", out);
    ex.json(200, o);
  }

  private void one(Exchange ex) throws IOException {
    ex.json(200, describe(group(ex)));
  }

  private void delete(Exchange ex) {
    transactions.inTransaction(
        () -> {
          Group g = group(ex);
          if (!groups.delete(g.id())) {
            throw new ApiException.NotFound("No such group");
          }
          return audit.append(
              audit
                  .event(ex, "group.delete")
                  .put("group", g.id().text())
                  .put("groupName", g.name()));
        });
    ex.noContent();
  }

  private void member(Exchange ex, boolean add) throws IOException {
    Group g = group(ex);
    String name = ex.param("account");
    Account a =
        byName(name, accounts::findByName)
            .orElseThrow(
                () ->
                    new ApiException.NotFound(
                        "No account named [" + NameResolver.printable(name) + "]"));
    transactions.inTransaction(
        () -> {
          // false: already (not) a member, the same outcome, and nothing changed to record
          if (add ? groups.addMember(g.id(), a.id()) : groups.removeMember(g.id(), a.id())) {
            var unused =
                audit.append(
                    audit
                        .event(ex, add ? "group.member.add" : "group.member.remove")
                        .put("group", g.id().text())
                        .put("groupName", g.name())
                        .put("account", a.id().text())
                        .put("accountName", a.name()));
          }
          return Boolean.TRUE;
        });
    ex.json(200, describe(g));
  }

  private Group group(Exchange ex) {
    return byName(ex.param("name"), groups::findByName)
        .orElseThrow(() -> new ApiException.NotFound("No such group"));
  }

  private static <T> Optional<T> byName(
      String name, java.util.function.Function<String, Optional<T>> find) {
    return name.matches("[a-z0-9._-]{1,64}") ? find.apply(name) : Optional.empty();
  }

  private ObjectNode describe(Group g) {
    ObjectNode o = Json.object();
    o.put("name", g.name());
    ArrayNode members = o.putArray("members");
    groups.members(g.id()).stream()
        .map(accounts::find)
        .flatMap(Optional::stream)
        .map(Account::name)
        .sorted()
        .forEach(members::add);
    o.put("createdAt", g.createdAt().toString());
    return o;
  }
}
