package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.core.account.Account;
import io.valise.core.envelope.Envelope;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.id.BlobId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The payload pages the orphan sweep reads: every referenced blob once, in id order. */
class PayloadPagesContractTest extends StoreTest {
  @Test
  void pagesListEveryPayloadOnceInIdOrder() {
    EnvelopeRepository envelopes = store().envelopes();
    Account lab = account("lab");
    Account cpam = account("cpam");
    List<BlobId> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Envelope e = envelope(lab.id(), Duration.ofDays(1), null, List.of(cpam.id()));
      expected.add(e.payload());
    }
    expected.sort(Comparator.comparing(BlobId::text));

    List<BlobId> seen = new ArrayList<>();
    @Nullable BlobId after = null;
    while (true) {
      List<BlobId> page = envelopes.payloadsAfter(after, 3);
      seen.addAll(page);
      if (page.size() < 3) {
        break;
      }
      after = page.getLast();
    }
    assertEquals(expected, seen);
    assertEquals(expected, envelopes.payloadsAfter(null, 100));
    assertEquals(List.of(), envelopes.payloadsAfter(expected.getLast(), 100));
    assertThrows(IllegalArgumentException.class, () -> envelopes.payloadsAfter(null, 0));
  }
}
