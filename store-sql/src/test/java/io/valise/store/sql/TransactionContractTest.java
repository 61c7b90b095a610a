package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.account.Account;
import io.valise.core.envelope.Envelope;
import io.valise.core.group.Group;
import io.valise.core.id.GroupId;
import io.valise.core.tx.Transactions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionContractTest extends StoreTest {
  @Test
  void workThatThrowsLeavesNothingBehind() {
    Transactions tx = store().transactions();
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                tx.inTransaction(
                    () -> {
                      account("ghost");
                      store().groups().create(group("ghosts"));
                      throw new IOException("audit log unavailable");
                    }));
    assertEquals("audit log unavailable", thrown.getMessage());
    assertEquals(Optional.empty(), store().accounts().findByName("ghost"));
    assertEquals(Optional.empty(), store().groups().findByName("ghosts"));
  }

  @Test
  void nestedWorkJoinsTheOuterTransactionAndReadsItsOwnWrites() {
    Transactions tx = store().transactions();
    Envelope e =
        tx.inTransaction(
            () -> {
              Account lab = account("lab");
              Envelope inner =
                  tx.inTransaction(() -> envelope(lab.id(), Duration.ofDays(1), 1, List.of()));
              assertTrue(store().envelopes().find(inner.id()).isPresent(), "own write visible");
              assertTrue(store().envelopes().reserveDownload(inner.id(), clock.instant()));
              return inner;
            });
    assertEquals(1, store().envelopes().find(e.id()).orElseThrow().downloads());
  }

  private Group group(String name) {
    return new Group(GroupId.random(random), name, clock.instant());
  }
}
