package io.valise.server.api.passkey;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.ChallengeId;
import io.valise.core.passkey.ChallengePurpose;
import io.valise.core.passkey.WebAuthnChallenge;
import io.valise.core.passkey.WebAuthnChallengeRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Issues and consumes the challenges of WebAuthn ceremonies. A challenge is 32 random bytes kept in
 * the store for {@link #TTL}; its first use consumes it, whatever the outcome of the ceremony, so
 * an answer cannot be replayed and a failed one cannot be retried with the same challenge.
 */
public final class Challenges {
  /** How long a ceremony may take; also the {@code timeout} the browser is given. */
  public static final Duration TTL = Duration.ofMinutes(5);

  private static final int BYTES = 32;

  private final WebAuthnChallengeRepository store;
  private final Clock clock;
  private final SecureRandom random;

  public Challenges(WebAuthnChallengeRepository store, Clock clock, SecureRandom random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  /** A new challenge, stored. */
  public WebAuthnChallenge issue(ChallengePurpose purpose, @Nullable AccountId account) {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    WebAuthnChallenge c =
        new WebAuthnChallenge(
            ChallengeId.random(random),
            purpose,
            account,
            OpaqueBytes.of(b),
            clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(TTL));
    store.create(c);
    return c;
  }

  /**
   * Consumes the challenge {@code id} (committed at once, so a failed ceremony uses it up too) and
   * checks that it serves this ceremony.
   *
   * @param account for a registration, the signed-in account it must have been issued to
   * @throws PasskeyRefused ({@code challenge}) if it is malformed, unknown, already used, expired,
   *     or issued for another purpose or account
   */
  public WebAuthnChallenge take(String id, ChallengePurpose purpose, @Nullable AccountId account) {
    Optional<WebAuthnChallenge> found;
    try {
      found = store.take(ChallengeId.parse(id));
    } catch (IllegalArgumentException e) {
      found = Optional.empty();
    }
    WebAuthnChallenge c =
        found.orElseThrow(
            () ->
                new PasskeyRefused(
                    "challenge",
                    "Unknown or already used challengeId: ask for new options and try again"));
    if (c.expired(clock.instant())) {
      throw new PasskeyRefused(
          "challenge_expired",
          "The challenge expired (a ceremony has " + TTL.toMinutes() + " minutes); try again");
    }
    if (c.purpose() != purpose || !Objects.equals(c.account(), account)) {
      throw new PasskeyRefused(
          "challenge", "The challengeId was issued for another ceremony; ask for new options");
    }
    return c;
  }
}
