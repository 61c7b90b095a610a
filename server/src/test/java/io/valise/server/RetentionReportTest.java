package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.envelope.Envelope;
import io.valise.core.id.AccountId;
import io.valise.core.id.BlobId;
import io.valise.core.id.EnvelopeId;
import io.valise.core.id.ShareId;
import io.valise.core.retention.AccountRetention;
import io.valise.core.retention.RetainedEnvelope;
import io.valise.core.retention.RetentionReport;
import io.valise.core.share.ShareLink;
import io.valise.server.config.ServerConfig;
import io.valise.server.retention.RetentionJson;
import io.valise.server.wiring.LocalAdmin;
import io.valise.store.sql.SqlStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The retention report read from the running server's database, on both databases. */
class RetentionReportTest extends ServerTest {
  static final Instant DAY = START.plus(Duration.ofDays(1));
  static final Instant THREE_DAYS = START.plus(Duration.ofDays(3));

  @Test
  void reportsEveryEnvelopeWithItsPeopleLimitsAndLinksAndTotalsPerAccount() throws Exception {
    for (String name : List.of("alice", "bob", "carol", "dave")) {
      addUser(name);
    }
    ServerConfig c = Objects.requireNonNull(config);
    Envelope toBobAndCarol;
    Envelope toAlice;
    try (SqlStore store = SqlStore.open(c.database(), null, null, clock)) {
      AccountId alice = id(store, "alice");
      AccountId bob = id(store, "bob");
      AccountId carol = id(store, "carol");
      toBobAndCarol = envelope(store, alice, List.of(carol, bob), THREE_DAYS, 3, 100);
      toAlice = envelope(store, bob, List.of(alice), DAY, null, 2000);
      assertTrue(store.envelopes().reserveDownload(toBobAndCarol.id(), clock.instant()));
      link(store, toBobAndCarol, null);
      link(store, toBobAndCarol, clock.instant()); // revoked: not live
      link(store, toAlice, clock.instant());
    }

    RetentionReport report = LocalAdmin.retention(c, clock);

    assertEquals(START, report.at());
    assertEquals(
        List.of(
            new RetainedEnvelope(
                toAlice.id(), "bob", List.of("alice"), 2003, START, DAY, 0, null, 0),
            new RetainedEnvelope(
                toBobAndCarol.id(),
                "alice",
                List.of("bob", "carol"),
                103,
                START,
                THREE_DAYS,
                1,
                3,
                1)),
        report.envelopes(),
        "soonest expiry first; size is header and payload; recipients by name");
    assertEquals(
        List.of(
            new AccountRetention("alice", 1, 103, 1, 2003, DAY, THREE_DAYS),
            new AccountRetention("bob", 1, 2003, 1, 103, DAY, THREE_DAYS),
            new AccountRetention("carol", 0, 0, 1, 103, THREE_DAYS, THREE_DAYS)),
        report.accounts(),
        "dave has nothing stored");
    assertEquals(2106, report.totalBytes());

    JsonNode json = json(RetentionJson.of(report).toString());
    assertEquals(2106, json.get("totalBytes").asLong());
    JsonNode first = json.get("envelopes").get(0);
    assertEquals(toAlice.id().text(), first.get("id").asText());
    assertTrue(first.get("maxDownloads").isNull(), "no download limit");
    assertEquals(DAY.toString(), first.get("expiresAt").asText());
    JsonNode second = json.get("envelopes").get(1);
    assertEquals("bob", second.get("recipients").get(0).asText());
    assertEquals(3, second.get("maxDownloads").asInt());
    assertEquals(1, second.get("liveLinks").asInt());
    assertEquals("carol", json.get("accounts").get(2).get("account").asText());
    assertEquals(THREE_DAYS.toString(), json.get("accounts").get(2).get("earliestExpiry").asText());
  }

  @Test
  void anEmptyServerHasAnEmptyReport() throws Exception {
    RetentionReport report = LocalAdmin.retention(Objects.requireNonNull(config), clock);
    assertEquals(new RetentionReport(START, List.of(), List.of(), 0), report);
  }

  private static AccountId id(SqlStore store, String name) {
    return store.accounts().findByName(name).orElseThrow().id();
  }

  private Envelope envelope(
      SqlStore store,
      AccountId sender,
      List<AccountId> to,
      Instant expires,
      @Nullable Integer max,
      long payload) {
    Envelope e =
        new Envelope(
            EnvelopeId.random(random),
            sender,
            clock.instant(),
            expires,
            max,
            0,
            BlobId.random(random),
            payload,
            OpaqueBytes.of(new byte[] {'a', 'g', 'e'}),
            OpaqueBytes.of(new byte[] {7}),
            to);
    store.envelopes().create(e);
    return e;
  }

  private void link(SqlStore store, Envelope e, @Nullable Instant revokedAt) {
    store
        .shares()
        .create(
            new ShareLink(
                ShareId.random(random),
                e.id(),
                OpaqueBytes.of(new byte[] {'a', 'g', 'e'}),
                e.sender(),
                clock.instant(),
                e.expiresAt(),
                null,
                0,
                null,
                revokedAt));
  }
}
