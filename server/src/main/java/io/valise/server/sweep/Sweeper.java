package io.valise.server.sweep;

import io.valise.core.auth.ApiTokenRepository;
import io.valise.core.auth.SessionPolicy;
import io.valise.core.auth.SessionRepository;
import io.valise.core.auth.TotpEnrolmentRepository;
import io.valise.core.blob.BlobStore;
import io.valise.core.envelope.Envelope;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.envelope.PurgeCandidate;
import io.valise.core.id.ShareId;
import io.valise.core.lease.LeaseRepository;
import io.valise.core.passkey.WebAuthnChallengeRepository;
import io.valise.core.share.ShareRepository;
import io.valise.core.tx.Transactions;
import io.valise.server.audit.Audit;
import io.valise.server.health.Metrics;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Purges what has done its time, on one node at a time: each pass first takes or renews the sweeper
 * lease ({@link LeaseRepository#SWEEPER}) and does nothing if another node holds it. Then:
 * envelopes that expired or used up their downloads (the row first, so nothing can be downloaded
 * any more, then the payload blob; header and metadata live in the row), share links that expired,
 * were used up or revoked, ended sessions, expired API tokens, expired WebAuthn challenges, TOTP
 * enrolments nobody confirmed in time, and, at the first pass and then every {@link
 * SweepPolicy#orphanEvery}, payload blobs that no envelope names ({@link OrphanSweep}). Every step
 * is idempotent, so two nodes sweeping at once (a holder paused past its lease) delete nothing
 * twice and nothing wrongly.
 */
public final class Sweeper {
  private static final int BATCH = 200;

  private final Stores stores;
  private final BlobStore blobs;
  private final SessionPolicy sessionPolicy;
  private final SweepPolicy policy;
  private final String holder;
  private final Clock clock;
  private final Metrics metrics;
  private final PrintStream log;
  private final Audit audit;
  private final Transactions transactions;
  private final OrphanSweep orphans;
  private Instant nextOrphanSweep = Instant.MIN;

  /** The repositories a pass works on. */
  public record Stores(
      LeaseRepository leases,
      EnvelopeRepository envelopes,
      ShareRepository shares,
      SessionRepository sessions,
      ApiTokenRepository apiTokens,
      WebAuthnChallengeRepository challenges,
      TotpEnrolmentRepository totpEnrolments) {}

  /**
   * @param holder this node's name in the lease, 1 to 64 characters, unique per process
   */
  public Sweeper(
      Stores stores,
      BlobStore blobs,
      SessionPolicy sessionPolicy,
      SweepPolicy policy,
      String holder,
      Clock clock,
      Metrics metrics,
      PrintStream log,
      Audit audit,
      Transactions transactions) {
    this.audit = audit;
    this.transactions = transactions;
    this.stores = stores;
    this.blobs = blobs;
    this.sessionPolicy = sessionPolicy;
    this.policy = policy;
    this.holder = holder;
    this.clock = clock;
    this.metrics = metrics;
    this.log = log;
    this.orphans = new OrphanSweep(stores.envelopes(), blobs, policy.orphanGrace());
  }

  /** This node's name in the lease. */
  public String holder() {
    return holder;
  }

  /** One pass; returns how many envelopes were purged. Never throws (a scheduled task must not). */
  public int sweepOnce() {
    return sweep().envelopes();
  }

  /**
   * One pass, if this node holds (or can take) the lease. Never throws: a step that fails is logged
   * and retried at the next pass, and the other steps still run. Passes in one process never
   * overlap.
   */
  public synchronized Swept sweep() {
    Instant now = clock.instant();
    try {
      if (!stores.leases().acquire(LeaseRepository.SWEEPER, holder, now, policy.leaseTtl())) {
        return Swept.NOT_HELD;
      }
    } catch (RuntimeException e) {
      log.println("valise: sweeper cannot take its lease, will retry: " + e);
      return Swept.NOT_HELD;
    }
    int envelopes = step("envelopes", this::purgeEnvelopes);
    int links = step("share links", this::purgeLinks);
    int sessions =
        step(
            "sessions",
            () ->
                stores
                    .sessions()
                    .deleteEnded(
                        now.minus(sessionPolicy.idleTimeout()),
                        now.minus(sessionPolicy.absoluteLifetime())));
    // A token is refused from its expiresAt on; deleteExpired takes an exclusive bound, and the
    // store keeps milliseconds, so one millisecond later is exactly "expired at now".
    int tokens = step("API tokens", () -> stores.apiTokens().deleteExpired(now.plusMillis(1)));
    // Unused challenges of abandoned ceremonies; a used one is deleted by its use.
    var unused = step("WebAuthn challenges", () -> stores.challenges().deleteExpired(now));
    // Pending TOTP secrets (sealed) that nobody confirmed within their ten minutes.
    step("TOTP enrolments", () -> stores.totpEnrolments().deleteExpired(now));
    int orphaned = 0;
    if (!now.isBefore(nextOrphanSweep)) {
      orphaned = step("orphan blobs", () -> orphans.sweep(now));
      nextOrphanSweep = now.plus(policy.orphanEvery());
    }
    metrics.purged(envelopes);
    Swept swept = new Swept(true, envelopes, links, sessions, tokens, orphaned);
    if (orphaned > 0) {
      log.println("valise: deleted " + orphaned + " payload blob(s) that no envelope named");
    }
    return swept;
  }

  /** Gives the lease up (at shutdown), so another node takes over without waiting for it. */
  public void release() {
    try {
      stores.leases().release(LeaseRepository.SWEEPER, holder, clock.instant());
    } catch (RuntimeException e) {
      log.println("valise: could not release the sweeper lease, it will run out: " + e);
    }
  }

  private int purgeEnvelopes() throws IOException {
    int purged = 0;
    while (true) {
      Instant now = clock.instant();
      List<PurgeCandidate> batch = stores.envelopes().expiredOrExhausted(now, BATCH);
      for (PurgeCandidate c : batch) {
        if (transactions.inTransaction(() -> purge(c, now))) {
          purged++;
        }
        blobs.delete(c.payload());
      }
      if (batch.size() < BATCH) {
        return purged;
      }
    }
  }

  /**
   * Deletes the envelope's row and appends its {@code envelope.purge} in one transaction.
   *
   * @return false if another pass deleted it first (nothing recorded twice)
   */
  private boolean purge(PurgeCandidate c, Instant now) {
    Envelope e = stores.envelopes().find(c.id()).orElse(null);
    if (e == null || !stores.envelopes().delete(c.id())) {
      return false;
    }
    var unused =
        audit.append(
            audit
                .event("envelope.purge", Audit.SERVER)
                .put("envelope", c.id().text())
                .put("reason", now.isBefore(e.expiresAt()) ? "exhausted" : "expired"));
    return true;
  }

  private int purgeLinks() {
    int purged = 0;
    while (true) {
      List<ShareId> batch = stores.shares().expiredOrUsedUp(clock.instant(), BATCH);
      for (ShareId id : batch) {
        if (stores.shares().delete(id)) {
          purged++;
        }
      }
      if (batch.size() < BATCH) {
        return purged;
      }
    }
  }

  @FunctionalInterface
  private interface Step {
    int run() throws IOException;
  }

  private int step(String what, Step step) {
    try {
      return step.run();
    } catch (RuntimeException | IOException e) {
      log.println("valise: sweeping " + what + " failed, will retry: " + e);
      return 0;
    }
  }
}
