package io.valise.server.api.account;

import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.auth.ApiToken;
import io.valise.core.auth.AuthFormatException;
import io.valise.core.auth.BruteForceSubject;
import io.valise.core.auth.Offence;
import io.valise.core.auth.SessionRecord;
import io.valise.core.auth.SessionRepository;
import io.valise.core.auth.SessionRepository.StoredSession;
import io.valise.core.auth.SessionStatus;
import io.valise.core.auth.SessionToken;
import io.valise.core.auth.Sessions;
import io.valise.server.audit.Audit;
import io.valise.server.http.ApiException;
import io.valise.server.http.Authenticator;
import io.valise.server.http.Exchange;
import io.valise.server.http.Principal;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens: sessions ({@code Authorization: Bearer vls_...}, or a browser's session cookie
 * with its CSRF header, see {@link BrowserSession}) here, API tokens ({@code vlt_...}) through
 * {@link ApiTokenAuthenticator}. A malformed or unknown token is a {@code BAD_TOKEN} failure of the
 * source address; an expired session is deleted. A refused session cookie is expired in the answer.
 */
public final class SessionAuthenticator implements Authenticator {
  private static final String BEARER = "Bearer ";

  private final Sessions sessions;
  private final SessionRepository stored;
  private final AccountRepository accounts;
  private final BruteForceGuard guard;
  private final ApiTokenAuthenticator apiTokens;
  private final Audit audit;

  public SessionAuthenticator(
      Sessions sessions,
      SessionRepository stored,
      AccountRepository accounts,
      BruteForceGuard guard,
      Audit audit,
      ApiTokenAuthenticator apiTokens) {
    this.audit = audit;
    this.apiTokens = apiTokens;
    this.sessions = sessions;
    this.stored = stored;
    this.accounts = accounts;
    this.guard = guard;
  }

  /**
   * A refusal of the presented session; when a browser presented it as its cookie, the answer also
   * expires that cookie. A browser left open on an ended session (signed out elsewhere, expired,
   * swept) otherwise kept sending it with every call, each one a {@code BAD_TOKEN} offence of its
   * address: a few such tabs behind one office NAT would get the whole office banned.
   */
  private static ApiException.Unauthorized refused(boolean cookie, String code, String message) {
    return cookie
        ? new ApiException.Unauthorized(code, message, BrowserSession.endedSessionHeaders())
        : new ApiException.Unauthorized(code, message);
  }

  @Override
  public Principal authenticate(Exchange ex) {
    String header = ex.header("Authorization");
    String presented;
    boolean cookie = false;
    if (header != null && header.startsWith(BEARER)) {
      presented = header.substring(BEARER.length()).strip();
    } else if (header == null && BrowserSession.sessionCookie(ex).isPresent()) {
      presented = BrowserSession.sessionCookie(ex).orElseThrow();
      cookie = true;
      BrowserSession.requireSameOrigin(ex);
      if (!presented.startsWith(SessionToken.PREFIX)) {
        throw refused(true, "bad_token", "The session cookie holds no session");
      }
      BrowserSession.requireCsrf(ex, presented);
    } else {
      throw new ApiException.Unauthorized(
          "unauthenticated", "A bearer token (or a browser's session cookie) is required");
    }
    if (presented.startsWith(ApiToken.PREFIX)) {
      return apiTokens.authenticate(presented, ex);
    }
    List<BruteForceSubject> source = List.of(BruteForceSubject.Source.of(ex.remote()));
    guard.requireNotBanned(source);
    SessionToken token;
    try {
      token = SessionToken.parse(presented);
    } catch (AuthFormatException e) {
      guard.fail(source, Offence.BAD_TOKEN, type -> audit.event(ex, type).put("via", "session"));
      throw refused(cookie, "bad_token", e.getMessage() + "");
    }
    try (token) {
      Optional<StoredSession> found = stored.find(token.hash());
      if (found.isEmpty()) {
        guard.fail(source, Offence.BAD_TOKEN, type -> audit.event(ex, type).put("via", "session"));
        throw refused(cookie, "bad_token", "Unknown or ended session");
      }
      StoredSession s = found.get();
      if (sessions.status(s.record()) != SessionStatus.ACTIVE) {
        stored.delete(s.record().hash());
        throw refused(cookie, "session_expired", "The session has expired");
      }
      Account account =
          accounts
              .find(s.account())
              .filter(Account::active)
              .orElseThrow(
                  () -> new ApiException.Unauthorized("account_disabled", "Account disabled"));
      SessionRecord touched = sessions.touch(s.record());
      if (!touched.equals(s.record())) {
        stored.touch(touched.hash(), touched.lastSeenAt());
      }
      return new Principal(account.id(), account.name(), account.admin(), s.record().hash());
    }
  }
}
