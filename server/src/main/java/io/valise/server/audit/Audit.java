package io.valise.server.audit;

import io.valise.core.audit.AuditEvent;
import io.valise.core.audit.AuditRepository;
import io.valise.server.http.Exchange;
import io.valise.server.http.Principal;
import java.time.Clock;

/**
 * Records security events. Call {@link #append} inside the action's transaction, so the action and
 * its entry commit together or not at all. Entries carry identifiers and hashes, never file names,
 * contents or secrets (docs/audit.md lists the fields of each type).
 */
public final class Audit {
  /** {@code via} of a local administration command. */
  public static final String ADMIN_CLI = "admin-cli";

  /** {@code via} of the server's own work (start, stop, purges). */
  public static final String SERVER = "server";

  private final AuditRepository log;
  private final Clock clock;
  private final boolean skip;

  public Audit(AuditRepository log, Clock clock) {
    this(log, clock, false);
  }

  private Audit(AuditRepository log, Clock clock, boolean skip) {
    this.log = log;
    this.clock = clock;
    this.skip = skip;
  }

  /**
   * An audit that writes nothing: only for the benchmark that measures what the log costs (system
   * property {@code valise.benchmark.skipAuditLog=true}, announced loudly at start).
   */
  public static Audit skippedForBenchmark(AuditRepository log, Clock clock) {
    return new Audit(log, clock, true);
  }

  /**
   * An event done for the caller of {@code ex}: its account (if authenticated), address, and
   * whether it came with a session, an API token, or (public routes) a share link.
   */
  public AuditEvent.Builder event(Exchange ex, String type) {
    AuditEvent.Builder b = AuditEvent.of(type, clock.instant());
    Principal p = ex.caller();
    if (p != null) {
      b.put("actor", p.account().text());
      b.put("actorName", p.name());
      b.put("via", p.tokenScopes() == null ? "session" : "token");
    } else {
      b.put("via", "link");
    }
    b.put("from", ex.remote().getHostAddress());
    return b;
  }

  /**
   * An event done by a caller that came through another protocol than HTTP (the SFTP gateway): its
   * account, address, and {@code via}.
   */
  public AuditEvent.Builder event(String type, Principal p, java.net.InetAddress from, String via) {
    return AuditEvent.of(type, clock.instant())
        .put("actor", p.account().text())
        .put("actorName", p.name())
        .put("via", via)
        .put("from", from.getHostAddress());
  }

  /** An event with no caller: {@code via} is {@link #SERVER} or {@link #ADMIN_CLI}. */
  public AuditEvent.Builder event(String type, String via) {
    return AuditEvent.of(type, clock.instant()).put("via", via);
  }

  /**
   * Appends the event in the current transaction (or one of its own).
   *
   * @return its pending id, to wait for its index (receipts); -1 when the log is skipped
   */
  public long append(AuditEvent.Builder event) {
    if (skip) {
      return -1;
    }
    return log.append(event.build());
  }
}
