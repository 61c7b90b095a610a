package io.valise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.account.Account;
import io.valise.core.account.AccountKind;
import io.valise.core.auth.ApiTokenRecord;
import io.valise.core.auth.ApiTokenRepository.StoredApiToken;
import io.valise.core.auth.SessionPolicy;
import io.valise.core.auth.SessionRecord;
import io.valise.core.auth.TokenHash;
import io.valise.core.auth.TokenScope;
import io.valise.core.blob.BlobStore;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.envelope.Envelope;
import io.valise.core.id.AccountId;
import io.valise.core.id.ApiTokenId;
import io.valise.core.id.BlobId;
import io.valise.core.id.EnvelopeId;
import io.valise.core.id.ShareId;
import io.valise.core.share.ShareLink;
import io.valise.server.audit.Audit;
import io.valise.server.config.ServerConfig;
import io.valise.server.health.Metrics;
import io.valise.server.sweep.SweepPolicy;
import io.valise.server.sweep.Sweeper;
import io.valise.server.sweep.Swept;
import io.valise.server.wiring.ValiseServer;
import io.valise.store.fs.FsBlobStore;
import io.valise.store.sql.SqlStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sweeper on both databases, with two stores on one database standing for two nodes and a clock
 * the test moves: only the lease holder sweeps, a dead holder is replaced, and everything that has
 * done its time goes (envelopes and blobs, links, sessions, tokens, orphan blobs).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class SweeperTest {
  static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
  static final SweepPolicy POLICY = SweepPolicy.every(Duration.ofSeconds(10));

  @Parameter @Nullable TestDatabase database;

  final SecureRandom random = new SecureRandom();
  final TestClock clock = new TestClock(START);
  final List<SqlStore> stores = new ArrayList<>();
  @Nullable Path data;
  @Nullable String url;
  @Nullable FsBlobStore blobs;

  @BeforeEach
  void open() throws Exception {
    Path dir = Files.createTempDirectory("valise-sweeper");
    data = dir;
    url = db().create(dir);
    blobs = FsBlobStore.open(dir.resolve("blobs"));
  }

  @AfterEach
  void close() throws Exception {
    stores.forEach(SqlStore::close);
    db().drop(url);
    Path dir = data;
    if (dir != null) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  void onlyTheLeaseHolderSweepsAndADeadHoldersLeaseIsTakenOver() throws IOException {
    SqlStore a = node();
    SqlStore b = node();
    Sweeper sweeperA = sweeper(a, "node-a");
    Sweeper sweeperB = sweeper(b, "node-b");
    AccountId lab = account(a, "lab");

    Envelope first = envelope(a, lab, Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(1));
    Swept swept = sweeperA.sweep();
    assertTrue(swept.held());
    assertEquals(1, swept.envelopes());
    assertTrue(a.envelopes().find(first.id()).isEmpty(), "row purged");
    assertEquals(Optional.empty(), blobs().writtenAt(first.payload()), "blob purged");

    Envelope second = envelope(b, lab, Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(10));
    assertEquals(
        new Swept(false, 0, 0, 0, 0, 0), sweeperB.sweep(), "a holds the lease: b does nothing");
    assertTrue(b.envelopes().find(second.id()).isPresent());

    // a dies without a word: no more renewals. Its lease runs out 30 s after its last pass.
    clock.advance(Duration.ofSeconds(20));
    swept = sweeperB.sweep();
    assertTrue(swept.held(), "a's lease ran out, b takes over");
    assertEquals(1, swept.envelopes());
    assertFalse(sweeperA.sweep().held(), "a comes back to find b holding it");

    // b stops cleanly: it releases the lease and a takes over at once.
    sweeperB.release();
    assertTrue(sweeperA.sweep().held());
  }

  @Test
  void linksSessionsAndTokensThatDidTheirTimeAreDeleted() throws IOException {
    SqlStore s = node();
    AccountId alice = account(s, "alice");
    Envelope e = envelope(s, alice, Duration.ofDays(7));
    link(s, e, Duration.ofHours(1), null); // expires
    ShareLink usedUp = link(s, e, Duration.ofDays(1), 1);
    ShareLink revoked = link(s, e, Duration.ofDays(1), null);
    ShareLink live = link(s, e, Duration.ofDays(1), 5);
    assertTrue(s.shares().reserveUse(usedUp.id(), clock.instant()));
    assertTrue(s.shares().revoke(revoked.id(), clock.instant()));

    TokenHash idle = hash();
    TokenHash active = hash();
    s.sessions().create(alice, new SessionRecord(idle, clock.instant(), clock.instant()));
    StoredApiToken shortToken = token(s, alice, Duration.ofHours(1));
    StoredApiToken longToken = token(s, alice, Duration.ofDays(90));

    clock.advance(Duration.ofHours(1));
    s.sessions().create(alice, new SessionRecord(active, clock.instant(), clock.instant()));
    Swept swept = sweeper(s, "node-a").sweep();

    assertEquals(new Swept(true, 0, 3, 1, 1, 0), swept);
    assertEquals(List.of(live), s.shares().forEnvelope(e.id()));
    assertTrue(s.sessions().find(idle).isEmpty(), "idle for an hour: ended");
    assertTrue(s.sessions().find(active).isPresent());
    assertTrue(s.apiTokens().find(shortToken.record().hash()).isEmpty());
    assertTrue(s.apiTokens().find(longToken.record().hash()).isPresent());
    assertTrue(s.envelopes().find(e.id()).isPresent(), "the envelope itself is live");
  }

  @Test
  void orphanBlobsAreDeletedOnlyOnceOlderThanTheGracePeriod() throws IOException {
    SqlStore s = node();
    AccountId lab = account(s, "lab");
    Envelope kept = envelope(s, lab, Duration.ofDays(7));
    BlobId crashed = blob(START.minus(Duration.ofHours(2)));
    BlobId inFlight = blob(START.minus(Duration.ofMinutes(1)));
    setWritten(kept.payload(), START.minus(Duration.ofHours(2)));
    Sweeper sweeper = sweeper(s, "node-a");

    Swept first = sweeper.sweep(); // the first pass, at start, sweeps orphans
    assertEquals(1, first.orphans());
    assertEquals(Optional.empty(), blobs().writtenAt(crashed));
    assertTrue(blobs().writtenAt(inFlight).isPresent(), "within the grace period: kept");
    assertTrue(blobs().writtenAt(kept.payload()).isPresent(), "named by an envelope: kept");

    clock.advance(Duration.ofMinutes(5));
    assertEquals(0, sweeper.sweep().orphans(), "the blob store is listed every 10 minutes");
    clock.advance(Duration.ofMinutes(55));
    assertEquals(1, sweeper.sweep().orphans(), "the in-flight upload never got its envelope");
    assertEquals(List.of(kept.payload()), blobs().list());
  }

  @Test
  void theRunningServerPurgesWithoutBeingAsked() throws Exception {
    Path dir = dataDir();
    ServerConfig defaults = ServerConfig.defaults(dir).withListen("127.0.0.1:0");
    String u = url;
    ServerConfig c =
        new ServerConfig(
            dir,
            defaults.host(),
            defaults.port(),
            u == null ? defaults.database() : u,
            null,
            null,
            defaults.policy(),
            Duration.ofMillis(100),
            false,
            defaults.audit(),
            defaults.sftp(),
            defaults.web());
    ValiseServer server = ValiseServer.start(c, clock, random, System.err);
    try {
      SqlStore admin = node();
      Envelope e = envelope(admin, account(admin, "lab"), Duration.ofSeconds(30));
      clock.advance(Duration.ofSeconds(30));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (admin.envelopes().find(e.id()).isPresent() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(admin.envelopes().find(e.id()).isEmpty(), "purged by the scheduled pass");
      assertEquals(Optional.empty(), blobs().writtenAt(e.payload()));
    } finally {
      server.close();
    }
  }

  private TestDatabase db() {
    TestDatabase d = database;
    if (d == null) {
      throw new IllegalStateException("no database parameter");
    }
    return d;
  }

  private Path dataDir() {
    Path d = data;
    if (d == null) {
      throw new IllegalStateException("not opened");
    }
    return d;
  }

  private FsBlobStore blobs() {
    FsBlobStore b = blobs;
    if (b == null) {
      throw new IllegalStateException("not opened");
    }
    return b;
  }

  /** Another node's store on the test database. */
  private SqlStore node() {
    String u = url;
    SqlStore s =
        SqlStore.open(
            u == null ? "jdbc:sqlite:" + dataDir().resolve("valise.db") : u, null, null, clock);
    stores.add(s);
    return s;
  }

  private Sweeper sweeper(SqlStore s, String holder) {
    return new Sweeper(
        new Sweeper.Stores(
            s.leases(),
            s.envelopes(),
            s.shares(),
            s.sessions(),
            s.apiTokens(),
            s.webAuthnChallenges(),
            s.totpEnrolments()),
        blobs(),
        SessionPolicy.DEFAULT,
        POLICY,
        holder,
        clock,
        new Metrics(),
        System.err,
        new Audit(s.audit(), clock),
        s.transactions());
  }

  private AccountId account(SqlStore s, String name) {
    Account a =
        Account.create(
            AccountId.random(random), name, AccountKind.PERSON, false, "$argon2id$x", START);
    s.accounts().create(a);
    return a.id();
  }

  private BlobId blob(Instant written) throws IOException {
    BlobId id = BlobId.random(random);
    try (BlobStore.Staged staged = blobs().stage(id)) {
      staged.output().write(new byte[] {1, 2, 3});
      staged.commit();
    }
    setWritten(id, written);
    return id;
  }

  private void setWritten(BlobId id, Instant at) throws IOException {
    Files.setLastModifiedTime(dataDir().resolve("blobs").resolve(id.text()), FileTime.from(at));
  }

  private Envelope envelope(SqlStore s, AccountId sender, Duration ttl) throws IOException {
    Envelope e =
        new Envelope(
            EnvelopeId.random(random),
            sender,
            clock.instant(),
            clock.instant().plus(ttl),
            null,
            0,
            blob(clock.instant()),
            3,
            OpaqueBytes.of(new byte[] {'a', 'g', 'e'}),
            OpaqueBytes.of(new byte[] {7}),
            List.of(sender));
    s.envelopes().create(e);
    return e;
  }

  private static final OpaqueBytes LINK_HEADER = OpaqueBytes.of(new byte[] {'a', 'g', 'e'});

  private ShareLink link(SqlStore s, Envelope e, Duration ttl, @Nullable Integer max) {
    ShareLink l =
        new ShareLink(
            ShareId.random(random),
            e.id(),
            LINK_HEADER,
            e.sender(),
            clock.instant(),
            clock.instant().plus(ttl),
            max,
            0,
            null,
            null);
    s.shares().create(l);
    return l;
  }

  private TokenHash hash() {
    byte[] b = new byte[TokenHash.BYTES];
    random.nextBytes(b);
    return TokenHash.of(b);
  }

  private StoredApiToken token(SqlStore s, AccountId owner, Duration lifetime) {
    StoredApiToken t =
        new StoredApiToken(
            ApiTokenId.random(random),
            owner,
            new ApiTokenRecord(
                hash(),
                EnumSet.of(TokenScope.SEND),
                clock.instant(),
                clock.instant().plus(lifetime)));
    s.apiTokens().create(t);
    return t;
  }
}
