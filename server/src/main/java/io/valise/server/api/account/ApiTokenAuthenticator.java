package io.valise.server.api.account;

import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.auth.ApiToken;
import io.valise.core.auth.ApiTokenRepository;
import io.valise.core.auth.ApiTokenRepository.StoredApiToken;
import io.valise.core.auth.AuthFormatException;
import io.valise.core.auth.BruteForceSubject;
import io.valise.core.auth.Offence;
import io.valise.server.audit.Audit;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * API tokens ({@code Authorization: Bearer vlt_...}). A malformed or unknown token is a {@code
 * BAD_TOKEN} failure of the source address; an expired token is refused. The scope is checked per
 * route by the filter ({@link Principal#mayUse}).
 */
public final class ApiTokenAuthenticator {
  private final ApiTokenRepository tokens;
  private final AccountRepository accounts;
  private final BruteForceGuard guard;
  private final Clock clock;
  private final Audit audit;

  public ApiTokenAuthenticator(
      ApiTokenRepository tokens,
      AccountRepository accounts,
      BruteForceGuard guard,
      Audit audit,
      Clock clock) {
    this.audit = audit;
    this.tokens = tokens;
    this.accounts = accounts;
    this.guard = guard;
    this.clock = clock;
  }

  /** The caller presenting {@code text} (already known to start with {@code vlt_}). */
  Principal authenticate(String text, Exchange ex) {
    List<BruteForceSubject> source = List.of(BruteForceSubject.Source.of(ex.remote()));
    guard.requireNotBanned(source);
    ApiToken token;
    try {
      token = ApiToken.parse(text);
    } catch (AuthFormatException e) {
      guard.fail(source, Offence.BAD_TOKEN, type -> audit.event(ex, type).put("via", "token"));
      throw new ApiException.Unauthorized("bad_token", e.getMessage() + "");
    }
    try (token) {
      Optional<StoredApiToken> found = tokens.find(token.hash());
      if (found.isEmpty()) {
        guard.fail(source, Offence.BAD_TOKEN, type -> audit.event(ex, type).put("via", "token"));
        throw new ApiException.Unauthorized("bad_token", "Unknown or revoked API token");
      }
      StoredApiToken t = found.get();
      if (!clock.instant().isBefore(t.record().expiresAt())) {
        throw new ApiException.Unauthorized("token_expired", "The API token has expired");
      }
      Account account =
          accounts
              .find(t.account())
              .filter(Account::active)
              .orElseThrow(
                  () -> new ApiException.Unauthorized("account_disabled", "Account disabled"));
      return new Principal(
          account.id(), account.name(), account.admin(), t.record().hash(), t.record().scopes());
    }
  }
}
