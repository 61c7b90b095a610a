package io.valise.server.api.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.account.Account;
import io.valise.core.audit.AuditEvent;
import io.valise.core.auth.BruteForceSubject;
import io.valise.core.auth.NewSession;
import io.valise.core.auth.SessionOrigin;
import io.valise.core.auth.SessionRepository;
import io.valise.core.auth.Sessions;
import io.valise.core.tx.Transactions;
import io.valise.server.audit.Audit;
import io.valise.server.http.Exchange;
import io.valise.server.http.Json;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The end of every successful sign-in, by password or passkey: a new session stored with how it
 * began, the account's failure count cleared and its {@code login.success} entry, in one
 * transaction; then the answer, the token in the body for a client or only in the browser's
 * HttpOnly cookie.
 */
final class SignIn {
  private final Sessions sessions;
  private final SessionRepository stored;
  private final BruteForceGuard guard;
  private final Audit audit;
  private final Transactions transactions;

  SignIn(
      Sessions sessions,
      SessionRepository stored,
      BruteForceGuard guard,
      Audit audit,
      Transactions transactions) {
    this.sessions = sessions;
    this.stored = stored;
    this.guard = guard;
    this.audit = audit;
    this.transactions = transactions;
  }

  /**
   * Starts a session for {@code account}; {@code method} is {@code password}, {@code password+totp}
   * or {@code passkey}, and {@code passkey} the passkey's id when one was used.
   */
  void start(Exchange ex, Account account, String method, @Nullable String passkey, boolean cookie)
      throws IOException {
    NewSession s = sessions.start();
    try (var token = s.token()) {
      transactions.inTransaction(
          () -> {
            guard.succeeded(new BruteForceSubject.Account(account.id().text()));
            stored.create(
                account.id(),
                s.record(),
                s.id(),
                new SessionOrigin(method, ex.remote().getHostAddress()));
            AuditEvent.Builder e =
                audit
                    .event(ex, "login.success")
                    .put("actor", account.id().text())
                    .put("actorName", account.name())
                    .put("via", "session")
                    .put("account", account.id().text())
                    .put("accountName", account.name())
                    .put("method", method);
            return audit.append(passkey == null ? e : e.put("passkey", passkey));
          });
      ObjectNode out = Json.object();
      if (cookie) {
        // A browser gets the token only in an HttpOnly cookie that its scripts cannot read.
        BrowserSession.start(ex, token.reveal());
      } else {
        out.put("token", token.reveal());
      }
      out.put("account", account.name());
      out.put("expiresAt", sessions.expiresAt(s.record()).toString());
      ex.json(200, out);
    }
  }
}
