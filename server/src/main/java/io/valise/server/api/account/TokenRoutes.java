package io.valise.server.api.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.auth.ApiTokenRepository;
import io.valise.core.auth.ApiTokenRepository.StoredApiToken;
import io.valise.core.auth.ApiTokens;
import io.valise.core.auth.AuthFormatException;
import io.valise.core.auth.IssuedApiToken;
import io.valise.core.auth.TokenScope;
import io.valise.core.id.AccountId;
import io.valise.core.id.ApiTokenId;
import io.valise.core.tx.Transactions;
import io.valise.server.audit.Audit;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Principal;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/tokens}, {@code GET /api/tokens} and {@code DELETE /api/tokens/{id}}: a
 * signed-in person issues, lists and revokes API tokens of their own account. Sessions only: a
 * token cannot mint another token.
 */
public final class TokenRoutes {
  private final ApiTokens issuer;
  private final ApiTokenRepository tokens;
  private final SecureRandom random;
  private final Audit audit;
  private final Transactions transactions;

  public TokenRoutes(
      ApiTokens issuer,
      ApiTokenRepository tokens,
      SecureRandom random,
      Audit audit,
      Transactions transactions) {
    this.audit = audit;
    this.transactions = transactions;
    this.issuer = issuer;
    this.tokens = tokens;
    this.random = random;
  }

  public List<Route> routes() {
    return List.of(
        new Route("POST", "/api/tokens", Access.AUTHENTICATED, this::issue),
        new Route("GET", "/api/tokens", Access.AUTHENTICATED, this::list),
        new Route("DELETE", "/api/tokens/{id}", Access.AUTHENTICATED, this::revoke));
  }

  private void issue(Exchange ex) throws Exception {
    ObjectNode body = ex.jsonBody(Set.of("scopes", "lifetimeDays"));
    Set<TokenScope> scopes = scopes(body.get("scopes"));
    JsonNode days = body.get("lifetimeDays");
    long max = ApiTokens.MAX_LIFETIME.toDays();
    if (days == null || !days.isIntegralNumber() || days.asLong() < 1 || days.asLong() > max) {
      throw new ApiException.BadRequest(
          "bad_lifetime", "\"lifetimeDays\" must be a whole number from 1 to " + max);
    }
    Principal who = ex.principal();
    if (scopes.contains(TokenScope.ADMIN) && !who.admin()) {
      throw new ApiException.Forbidden(
          "not_admin", "Only an administrator may issue a token with the admin scope");
    }
    IssuedApiToken issued = issuer.issue(scopes, Duration.ofDays(days.asLong()));
    StoredApiToken stored =
        new StoredApiToken(ApiTokenId.random(random), who.account(), issued.record());
    try (var token = issued.token()) {
      transactions.inTransaction(
          () -> {
            tokens.create(stored);
            return audit.append(
                audit
                    .event(ex, "token.create")
                    .put("account", who.account().text())
                    .put("token", stored.id().text())
                    .put(
                        "scopes",
                        String.join(
                            " ",
                            stored.record().scopes().stream()
                                .map(TokenScope::label)
                                .sorted()
                                .toList())));
          });
      ObjectNode out = describe(stored);
      out.put("token", token.reveal());
      ex.json(201, out);
    }
  }

  private void list(Exchange ex) throws Exception {
    ArrayNode out = Json.object().arrayNode();
    for (StoredApiToken t : tokens.list(ex.principal().account())) {
      out.add(describe(t));
    }
    ex.json(200, Json.object().set("tokens", out));
  }

  private void revoke(Exchange ex) throws Exception {
    ApiTokenId id;
    try {
      id = ApiTokenId.parse(ex.param("id"));
    } catch (IllegalArgumentException e) {
      throw new ApiException.NotFound("No such token");
    }
    AccountId me = ex.principal().account();
    transactions.inTransaction(
        () -> {
          if (!tokens.delete(me, id)) {
            throw new ApiException.NotFound("No such token");
          }
          return audit.append(
              audit.event(ex, "token.revoke").put("account", me.text()).put("token", id.text()));
        });
    ex.json(200, Json.object().put("status", "revoked"));
  }

  private static Set<TokenScope> scopes(JsonNode node) {
    List<String> names = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (JsonNode n : node) {
        names.add(n.isTextual() ? n.asText() : "?");
      }
    }
    try {
      return TokenScope.parseList(String.join(",", names));
    } catch (AuthFormatException e) {
      throw new ApiException.BadRequest(
          "bad_scopes",
          "\"scopes\" must be a non-empty array of distinct send, receive, keys, admin: "
              + e.getMessage());
    }
  }

  private static ObjectNode describe(StoredApiToken t) {
    ObjectNode o = Json.object();
    o.put("id", t.id().text());
    ArrayNode scopes = o.putArray("scopes");
    t.record().scopes().stream().sorted().forEach(s -> scopes.add(s.label()));
    o.put("createdAt", t.record().createdAt().toString());
    o.put("expiresAt", t.record().expiresAt().toString());
    return o;
  }
}
