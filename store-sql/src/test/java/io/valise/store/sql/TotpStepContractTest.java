package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.account.AccountRepository;
import io.valise.core.id.AccountId;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TotpStepContractTest extends StoreTest {
  @Test
  void aStepIsUsedOnceAndNeverGoesBack() {
    AccountRepository accounts = store().accounts();
    AccountId alice = account("alice").id();
    assertEquals(OptionalLong.empty(), accounts.lastTotpStep(alice));
    assertTrue(accounts.useTotpStep(alice, 100));
    assertEquals(OptionalLong.of(100), accounts.lastTotpStep(alice));
    assertFalse(accounts.useTotpStep(alice, 100), "the same step twice");
    assertFalse(accounts.useTotpStep(alice, 99), "an earlier step");
    assertTrue(accounts.useTotpStep(alice, 101));
    assertEquals(OptionalLong.of(101), accounts.lastTotpStep(alice));
    AccountId nobody = AccountId.random(random);
    assertFalse(accounts.useTotpStep(nobody, 1));
    assertEquals(OptionalLong.empty(), accounts.lastTotpStep(nobody));
  }
}
