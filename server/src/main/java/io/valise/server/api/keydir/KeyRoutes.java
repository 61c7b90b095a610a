package io.valise.server.api.keydir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.auth.TokenScope;
import io.valise.core.id.AccountId;
import io.valise.core.id.KeyId;
import io.valise.core.keydir.KeyDirectory;
import io.valise.core.keydir.PublishedKey;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.Transactions;
import io.valise.server.audit.Audit;
import io.valise.server.audit.Receipts;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/keys}, {@code GET /api/accounts/{name}/keys} and {@code DELETE /api/keys/{id}}:
 * an account publishes and revokes its own age recipients; senders read anyone's current ones.
 */
public final class KeyRoutes {
  private final AccountRepository accounts;
  private final KeyDirectory keys;
  private final Clock clock;
  private final SecureRandom random;
  private final Transactions transactions;
  private final Audit audit;
  private final Receipts receipts;
  private final KeyJson json;

  public KeyRoutes(
      AccountRepository accounts,
      KeyDirectory keys,
      Clock clock,
      SecureRandom random,
      Transactions transactions,
      Audit audit,
      Receipts receipts,
      KeyJson json) {
    this.accounts = accounts;
    this.keys = keys;
    this.clock = clock;
    this.random = random;
    this.transactions = transactions;
    this.audit = audit;
    this.receipts = receipts;
    this.json = json;
  }

  public List<Route> routes() {
    return List.of(
        new Route("POST", "/api/keys", Access.AUTHENTICATED, TokenScope.KEYS, this::publish),
        // Reading keys is what a sender does before encrypting, so a send token may do it.
        new Route(
            "GET", "/api/accounts/{name}/keys", Access.AUTHENTICATED, TokenScope.SEND, this::list),
        new Route("DELETE", "/api/keys/{id}", Access.AUTHENTICATED, TokenScope.KEYS, this::revoke));
  }

  private void publish(Exchange ex) throws Exception {
    ObjectNode body = ex.jsonBody(Set.of("recipient"));
    JsonNode r = body.get("recipient");
    if (r == null || !r.isTextual()) {
      throw new ApiException.BadRequest("bad_recipient", "\"recipient\" must be a string");
    }
    PublishedKey key =
        PublishedKey.publish(
            KeyId.random(random),
            ex.principal().account(),
            Recipients.canonical(r.asText()),
            clock.instant());
    long entry;
    try {
      entry =
          transactions.inTransaction(
              () -> {
                keys.publish(key);
                return audit.append(
                    audit
                        .event(ex, "key.publish")
                        .put("key", key.id().text())
                        .put("account", key.account().text())
                        .put("accountName", ex.principal().name())
                        .put("recipient", key.recipient())
                        .put("kind", key.kind().name().toLowerCase(Locale.ROOT)));
              });
    } catch (ConflictException e) {
      // The store's unique rule decides, so two concurrent publishes cannot both succeed.
      throw new ApiException.Conflict(
          "already_published", "This account already published this recipient");
    }
    ObjectNode out = json.describe(key);
    out.set("receipt", receipts.await(entry).orElse(null));
    ex.json(201, out);
  }

  private void list(Exchange ex) throws Exception {
    Optional<Account> account = accounts.findByName(ex.param("name"));
    if (account.isEmpty()) {
      throw new ApiException.NotFound("No such account");
    }
    ArrayNode out = Json.object().arrayNode();
    for (PublishedKey k : keys.current(account.get().id())) {
      out.add(json.describe(k));
    }
    ex.json(200, Json.object().put("account", account.get().name()).set("keys", out));
  }

  private void revoke(Exchange ex) throws Exception {
    KeyId id;
    try {
      id = KeyId.parse(ex.param("id"));
    } catch (IllegalArgumentException e) {
      throw new ApiException.NotFound("No such key");
    }
    AccountId me = ex.principal().account();
    // Another account's key answers as if it did not exist, so ids cannot be probed.
    Optional<PublishedKey> key = keys.find(id).filter(k -> k.account().equals(me));
    transactions.inTransaction(
        () -> {
          if (key.isEmpty() || !keys.revoke(id, clock.instant())) {
            throw new ApiException.NotFound("No such key");
          }
          return audit.append(
              audit
                  .event(ex, "key.revoke")
                  .put("key", id.text())
                  .put("account", me.text())
                  .put("accountName", ex.principal().name()));
        });
    ex.json(200, Json.object().put("status", "revoked"));
  }
}
