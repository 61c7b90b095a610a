package io.valise.server.api.account;

import io.valise.core.auth.SessionRepository;
import io.valise.core.auth.SessionRepository.ListedSession;
import io.valise.core.auth.TokenHash;
import io.valise.core.id.AccountId;
import io.valise.core.id.SessionId;
import io.valise.server.audit.Audit;
import io.valise.server.http.Exchange;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Ends sessions of an account on behalf of a caller, each with its {@code session.end} entry: the
 * account, the session's public id, the public id of the caller's session that ended it ({@code
 * by}), and why. Call it inside the transaction of the action, so the entries commit with it.
 */
final class SessionEnder {
  private final SessionRepository sessions;
  private final Audit audit;

  SessionEnder(SessionRepository sessions, Audit audit) {
    this.sessions = sessions;
    this.audit = audit;
  }

  /**
   * Ends every session of {@code account} except {@code keep}.
   *
   * @param reason {@code user} (from the list of sessions), {@code second_factor} (a new factor)
   * @return how many ended
   */
  int endAllBut(Exchange ex, AccountId account, TokenHash keep, String reason) {
    List<ListedSession> all = sessions.list(account);
    SessionId by = idOf(all, keep);
    int ended = 0;
    for (ListedSession s : all) {
      if (!s.record().hash().equals(keep) && end(ex, account, s, by, reason)) {
        ended++;
      }
    }
    return ended;
  }

  /**
   * Ends one session of {@code account}.
   *
   * @param by the public id of the caller's session, if known
   * @return false if it had ended already
   */
  boolean end(
      Exchange ex, AccountId account, ListedSession s, @Nullable SessionId by, String reason) {
    if (!sessions.delete(s.record().hash())) {
      return false;
    }
    SessionId id = s.id();
    var unused =
        audit.append(
            audit
                .event(ex, "session.end")
                .put("account", account.text())
                .put("session", id == null ? null : id.text())
                .put("by", by == null ? null : by.text())
                .put("reason", reason));
    return true;
  }

  /** The public id of the session with token hash {@code hash} among {@code all}, or null. */
  static @Nullable SessionId idOf(List<ListedSession> all, TokenHash hash) {
    for (ListedSession s : all) {
      if (s.record().hash().equals(hash)) {
        return s.id();
      }
    }
    return null;
  }
}
