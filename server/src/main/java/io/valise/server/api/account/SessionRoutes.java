package io.valise.server.api.account;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.auth.SessionOrigin;
import io.valise.core.auth.SessionRepository;
import io.valise.core.auth.SessionRepository.ListedSession;
import io.valise.core.auth.SessionStatus;
import io.valise.core.auth.Sessions;
import io.valise.core.auth.TokenHash;
import io.valise.core.id.AccountId;
import io.valise.core.id.SessionId;
import io.valise.core.tx.Transactions;
import io.valise.server.audit.Audit;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A person's own sessions, with a session only: {@code GET /api/sessions} lists them newest first
 * (by public id, never the token or its hash), {@code DELETE /api/sessions/{id}} ends one, {@code
 * DELETE /api/sessions} ends all but the caller's. Another account's session id is 404, as an
 * unknown one.
 */
public final class SessionRoutes {
  private static final int ID_ATTEMPTS = 3;

  private final SessionRepository stored;
  private final Sessions sessions;
  private final SessionEnder ender;
  private final Transactions transactions;
  private final SecureRandom random;

  public SessionRoutes(
      SessionRepository stored,
      Sessions sessions,
      Audit audit,
      Transactions transactions,
      SecureRandom random) {
    this.stored = stored;
    this.sessions = sessions;
    this.ender = new SessionEnder(stored, audit);
    this.transactions = transactions;
    this.random = random;
  }

  public List<Route> routes() {
    return List.of(
        new Route("GET", "/api/sessions", Access.AUTHENTICATED, this::list),
        new Route("DELETE", "/api/sessions", Access.AUTHENTICATED, this::endOthers),
        new Route("DELETE", "/api/sessions/{id}", Access.AUTHENTICATED, this::end));
  }

  private void list(Exchange ex) throws IOException {
    TokenHash mine = ex.principal().session();
    ArrayNode out = Json.object().arrayNode();
    for (ListedSession s : withIds(ex.principal().account())) {
      if (sessions.status(s.record()) != SessionStatus.ACTIVE) {
        continue; // ended, not yet swept
      }
      ObjectNode o = out.addObject();
      o.put("id", Objects.requireNonNull(s.id()).text());
      o.put("createdAt", s.record().createdAt().toString());
      o.put("lastSeenAt", s.record().lastSeenAt().toString());
      o.put("expiresAt", sessions.expiresAt(s.record()).toString());
      o.put("current", s.record().hash().equals(mine));
      SessionOrigin origin = s.origin();
      if (origin != null) {
        o.put("method", origin.method());
        if (origin.source() != null) {
          o.put("source", origin.source());
        }
      }
    }
    ex.responseHeader("Cache-Control", "no-store");
    ex.json(200, Json.object().set("sessions", out));
  }

  /**
   * The account's sessions, each with a public id: a session stored without one (made before
   * sessions had them) gets a random one now.
   */
  private List<ListedSession> withIds(AccountId account) {
    for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
      List<ListedSession> all = stored.list(account);
      boolean missing = false;
      for (ListedSession s : all) {
        if (s.id() == null) {
          missing = true;
          var unused = stored.assignId(s.record().hash(), SessionId.random(random));
        }
      }
      if (!missing) {
        return all;
      }
    }
    List<ListedSession> out = new ArrayList<>();
    for (ListedSession s : stored.list(account)) {
      if (s.id() != null) {
        out.add(s);
      }
    }
    return out;
  }

  private void end(Exchange ex) throws IOException {
    SessionId id;
    try {
      id = SessionId.parse(ex.param("id"));
    } catch (IllegalArgumentException e) {
      throw new ApiException.NotFound("No such session");
    }
    AccountId me = ex.principal().account();
    TokenHash mine = ex.principal().session();
    boolean current =
        transactions.inTransaction(
            () -> {
              List<ListedSession> all = stored.list(me);
              ListedSession target =
                  all.stream()
                      .filter(s -> id.equals(s.id()))
                      .findFirst()
                      .orElseThrow(() -> new ApiException.NotFound("No such session"));
              if (!ender.end(ex, me, target, SessionEnder.idOf(all, mine), "user")) {
                throw new ApiException.NotFound("No such session");
              }
              return target.record().hash().equals(mine);
            });
    if (current) {
      BrowserSession.end(ex);
    }
    ex.noContent();
  }

  private void endOthers(Exchange ex) throws IOException {
    int ended =
        transactions.inTransaction(
            () -> ender.endAllBut(ex, ex.principal().account(), ex.principal().session(), "user"));
    ex.json(200, Json.object().put("ended", ended));
  }
}
