package io.valise.core.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Issues API tokens and decides what a presented one allows. Every token expires: Valise has no
 * "never", so the longest lifetime is {@link #MAX_LIFETIME}.
 *
 * <p>Authenticating a request: {@link ApiToken#parse} the header (a malformed token is a failed
 * attempt for the brute-force defence), look the record up by {@link ApiToken#hash()}, then ask
 * {@link #permits}.
 */
public final class ApiTokens {
  /** Longest lifetime of a token. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(366);

  private final Clock clock;
  private final SecureRandom random;

  /** Issues tokens with randomness from {@code random}, times from {@code clock}. */
  public ApiTokens(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /**
   * A new token with {@code scopes}, valid for {@code lifetime} from now.
   *
   * @throws IllegalArgumentException if {@code scopes} is empty or {@code lifetime} is not positive
   *     or longer than {@link #MAX_LIFETIME}
   */
  public IssuedApiToken issue(Set<TokenScope> scopes, Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "API token lifetime [%s] not in (0, %s]".formatted(lifetime, MAX_LIFETIME));
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("API token needs at least one scope");
    }
    Instant now = clock.instant();
    ApiToken token = ApiToken.generate(random);
    return new IssuedApiToken(
        token, new ApiTokenRecord(token.hash(), scopes, now, now.plus(lifetime)));
  }

  /** Whether the token of {@code record} is unexpired now and grants {@code scope}. */
  public boolean permits(ApiTokenRecord record, TokenScope scope) {
    return clock.instant().isBefore(record.expiresAt()) && record.scopes().contains(scope);
  }
}
