package io.valise.server.api.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.age.secret.Passphrase;
import io.valise.core.account.Account;
import io.valise.core.account.AccountKind;
import io.valise.core.account.AccountRepository;
import io.valise.core.auth.PasswordHasher;
import io.valise.core.auth.TokenScope;
import io.valise.core.id.AccountId;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.Transactions;
import io.valise.server.audit.Audit;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Accounts managed by administrators: create (argon2id password), list, disable. Disabling is
 * immediate: the authentication filter refuses a disabled account's sessions and tokens on their
 * next request. Accounts are never deleted (envelopes and the audit trail refer to them).
 */
public final class AccountAdminRoutes {
  /** A floor, not a policy: an administrator chooses the password, the owner may change it. */
  static final int MIN_PASSWORD_CHARS = 8;

  private final AccountRepository accounts;
  private final PasswordHasher passwords;
  private final Clock clock;
  private final SecureRandom random;
  private final Audit audit;
  private final Transactions transactions;

  public AccountAdminRoutes(
      AccountRepository accounts,
      PasswordHasher passwords,
      Clock clock,
      SecureRandom random,
      Audit audit,
      Transactions transactions) {
    this.audit = audit;
    this.transactions = transactions;
    this.accounts = accounts;
    this.passwords = passwords;
    this.clock = clock;
    this.random = random;
  }

  public List<Route> routes() {
    return List.of(
        new Route("POST", "/api/accounts", Access.ADMIN, TokenScope.ADMIN, this::create),
        new Route("GET", "/api/accounts", Access.ADMIN, TokenScope.ADMIN, this::list),
        new Route(
            "POST", "/api/accounts/{name}/disable", Access.ADMIN, TokenScope.ADMIN, this::disable));
  }

  private void create(Exchange ex) throws IOException {
    ObjectNode body = ex.jsonBody(Set.of("name", "password", "admin", "kind"));
    String name = Json.string(body, "name");
    try {
      Account.checkName(name);
    } catch (IllegalArgumentException e) {
      throw new ApiException.BadRequest("bad_name", e.getMessage() + "");
    }
    String password = Json.string(body, "password");
    if (password.length() < MIN_PASSWORD_CHARS
        || password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
      throw new ApiException.BadRequest(
          "bad_password",
          "A password is %d characters to %d bytes"
              .formatted(MIN_PASSWORD_CHARS, PasswordHasher.MAX_PASSWORD_BYTES));
    }
    boolean admin = bool(body.get("admin"));
    AccountKind kind = kind(Json.optionalString(body, "kind"));
    String hash;
    try (Passphrase p = Passphrase.of(password.toCharArray())) {
      hash = passwords.hash(p);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Account a = Account.create(AccountId.random(random), name, kind, admin, hash, now);
    try {
      transactions.inTransaction(
          () -> {
            accounts.create(a);
            return audit.append(
                audit
                    .event(ex, "account.create")
                    .put("account", a.id().text())
                    .put("accountName", a.name())
                    .put("admin", a.admin())
                    .put("kind", a.kind().name()));
          });
    } catch (ConflictException e) {
      throw new ApiException.Conflict(
          "name_taken", "The name [" + name + "] is already an account or a group");
    }
    ObjectNode out = Json.object();
    out.put("name", a.name());
    out.put("admin", a.admin());
    out.put("kind", a.kind().name());
    out.put("createdAt", a.createdAt().toString());
    ex.json(201, out);
  }

  private void list(Exchange ex) throws IOException {
    ArrayNode out = Json.object().arrayNode();
    for (Account a : accounts.list()) {
      out.add(describe(a));
    }
    ObjectNode o = Json.object();
    o.set("accounts", out);
    ex.json(200, o);
  }

  private void disable(Exchange ex) throws IOException {
    String name = ex.param("name");
    Account a =
        (name.matches("[a-z0-9._-]{1,64}")
                ? accounts.findByName(name)
                : java.util.Optional.<Account>empty())
            .orElseThrow(() -> new ApiException.NotFound("No such account"));
    transactions.inTransaction(
        () -> {
          if (accounts.disable(a.id(), clock.instant())) { // false: disabled already, no change
            var unused =
                audit.append(
                    audit
                        .event(ex, "account.disable")
                        .put("account", a.id().text())
                        .put("accountName", a.name()));
          }
          return Boolean.TRUE;
        });
    ex.json(200, describe(accounts.find(a.id()).orElse(a)));
  }

  private static ObjectNode describe(Account a) {
    ObjectNode o = Json.object();
    o.put("name", a.name());
    o.put("admin", a.admin());
    o.put("kind", a.kind().name());
    o.put("createdAt", a.createdAt().toString());
    o.put("disabled", !a.active());
    o.put("secondFactor", a.totpSecret() != null);
    return o;
  }

  private static boolean bool(@Nullable JsonNode v) {
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new ApiException.BadRequest("bad_json", "Field [admin] must be true or false");
    }
    return v.booleanValue();
  }

  private static AccountKind kind(@Nullable String text) {
    if (text == null) {
      return AccountKind.PERSON;
    }
    return switch (text) {
      case "PERSON" -> AccountKind.PERSON;
      case "SYSTEM" -> AccountKind.SYSTEM;
      default ->
          throw new ApiException.BadRequest("bad_kind", "Field [kind] must be PERSON or SYSTEM");
    };
  }
}
