package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.auth.ApiTokenRecord;
import io.valise.core.auth.ApiTokenRepository;
import io.valise.core.auth.ApiTokenRepository.StoredApiToken;
import io.valise.core.auth.TokenHash;
import io.valise.core.auth.TokenScope;
import io.valise.core.id.AccountId;
import io.valise.core.id.ApiTokenId;
import io.valise.core.tx.UnknownReferenceException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiTokenContractTest extends StoreTest {
  private StoredApiToken token(AccountId owner, Duration lifetime) {
    byte[] b = new byte[TokenHash.BYTES];
    random.nextBytes(b);
    return new StoredApiToken(
        ApiTokenId.random(random),
        owner,
        new ApiTokenRecord(
            TokenHash.of(b),
            EnumSet.of(TokenScope.SEND, TokenScope.RECEIVE),
            clock.instant(),
            clock.instant().plus(lifetime)));
  }

  @Test
  void tokensAreFoundByHashListedAndRevokedByTheirOwner() {
    ApiTokenRepository tokens = store().apiTokens();
    AccountId alice = account("alice").id();
    AccountId bob = account("bob").id();
    StoredApiToken a = token(alice, Duration.ofDays(90));
    StoredApiToken b = token(bob, Duration.ofDays(1));
    tokens.create(a);
    tokens.create(b);

    assertEquals(Optional.of(a), tokens.find(a.record().hash()));
    assertEquals(List.of(a), tokens.list(alice));
    assertFalse(tokens.delete(bob, a.id()), "only the owner revokes");
    assertTrue(tokens.delete(alice, a.id()));
    assertEquals(Optional.empty(), tokens.find(a.record().hash()));
    assertFalse(tokens.delete(alice, a.id()));

    assertEquals(0, tokens.deleteExpired(clock.instant().plus(Duration.ofDays(1))));
    assertEquals(1, tokens.deleteExpired(clock.instant().plus(Duration.ofDays(2))));
    assertEquals(List.of(), tokens.list(bob));
    assertThrows(
        UnknownReferenceException.class,
        () -> tokens.create(token(AccountId.random(random), Duration.ofDays(1))));
  }
}
