package io.valise.server.api.account;

import io.valise.core.audit.AuditEvent;
import io.valise.core.auth.BanDecision;
import io.valise.core.auth.BruteForceDefence;
import io.valise.core.auth.BruteForceOutcome;
import io.valise.core.auth.BruteForceRepository;
import io.valise.core.auth.BruteForceRepository.Versioned;
import io.valise.core.auth.BruteForceState;
import io.valise.core.auth.BruteForceSubject;
import io.valise.core.auth.Offence;
import io.valise.core.tx.Transactions;
import io.valise.server.audit.Audit;
import io.valise.server.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The brute-force defence on the shared store: checks bans before any credential is looked at,
 * records failures with optimistic writes (retried when another node wrote first), clears an
 * account's score after a success. A failure that starts a ban appends a {@code ban} audit entry in
 * the transaction that writes the ban.
 */
public final class BruteForceGuard {
  private static final int ATTEMPTS = 5;

  private final BruteForceDefence defence;
  private final BruteForceRepository states;
  private final Audit audit;
  private final Transactions transactions;
  private final Clock clock;

  public BruteForceGuard(
      BruteForceDefence defence,
      BruteForceRepository states,
      Audit audit,
      Transactions transactions,
      Clock clock) {
    this.defence = defence;
    this.states = states;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Refuses the attempt before any credential is checked if a subject is banned.
   *
   * @throws ApiException.TooManyRequests if any of the subjects is banned
   */
  public void requireNotBanned(List<BruteForceSubject> subjects) {
    refuseIfBanned(banned(subjects));
  }

  /** Whether any of the subjects is banned now (the stricter decision). */
  public BanDecision banned(List<BruteForceSubject> subjects) {
    BanDecision d = BanDecision.allowed();
    for (BruteForceSubject s : subjects) {
      d = d.stricter(defence.check(states.find(s.key()).state()));
    }
    return d;
  }

  /**
   * Records one failure against every subject, in a transaction of its own (or the caller's).
   *
   * @param events makes an audit event of a type for this request (for {@code ban} entries)
   * @throws ApiException.TooManyRequests if this failure started a ban
   */
  public void fail(
      List<BruteForceSubject> subjects,
      Offence offence,
      Function<String, AuditEvent.Builder> events) {
    refuseIfBanned(transactions.inTransaction(() -> record(subjects, offence, events, null)));
  }

  /**
   * Records one failure against every subject without refusing: call it inside the transaction that
   * also appends the failure's own audit entry, then {@link #refuseIfBanned} after the commit (a
   * refusal thrown inside would roll the failure back). Each subject whose ban this failure starts
   * gets a {@code ban} entry.
   *
   * @param events makes an audit event of a type for this request
   * @param accountName the name of the account subject, if any, for its {@code ban} entry
   * @return whether a subject is banned after this failure
   */
  public BanDecision record(
      List<BruteForceSubject> subjects,
      Offence offence,
      Function<String, AuditEvent.Builder> events,
      @Nullable String accountName) {
    BanDecision d = BanDecision.allowed();
    for (BruteForceSubject s : subjects) {
      d = d.stricter(record(s, offence, events, accountName));
    }
    return d;
  }

  /** After a success: clears the account's score (never the source's). */
  public void succeeded(BruteForceSubject.Account account) {
    for (int i = 0; i < ATTEMPTS; i++) {
      Versioned v = states.find(account.key());
      if (v.version() == 0) {
        return;
      }
      if (states.save(account.key(), defence.afterSuccess(v.state()), v.version())) {
        return;
      }
    }
  }

  private BanDecision record(
      BruteForceSubject s,
      Offence offence,
      Function<String, AuditEvent.Builder> events,
      @Nullable String accountName) {
    for (int i = 0; i < ATTEMPTS; i++) {
      Versioned v = states.find(s.key());
      BruteForceOutcome out = defence.recordFailure(s, v.state(), offence);
      BruteForceState next = out.state();
      if (next.equals(v.state()) || states.save(s.key(), next, v.version())) {
        if (out.decision() instanceof BanDecision.Banned b
            && !defence.check(v.state()).banned()
            && !next.equals(v.state())) {
          var unused =
              audit.append(
                  events
                      .apply("ban")
                      .put("subject", label(s, accountName))
                      .put("until", b.until()));
        }
        return out.decision();
      }
    }
    // Five writers in a row came first: the subject is under heavy attack; refuse this attempt.
    return defence.check(states.find(s.key()).state());
  }

  /**
   * The subject as the log names it: {@code source:ADDRESS}, {@code account:NAME}, {@code link:ID}.
   */
  private static String label(BruteForceSubject s, @Nullable String accountName) {
    return switch (s) {
      case BruteForceSubject.Source src -> "source:" + src.bucket().substring("ip4:".length());
      case BruteForceSubject.Account a -> "account:" + (accountName != null ? accountName : a.id());
      case BruteForceSubject.ShareLink l -> "link:" + l.id();
    };
  }

  /**
   * Refuses the attempt if {@code d} is a ban.
   *
   * @throws ApiException.TooManyRequests if it is
   */
  public void refuseIfBanned(BanDecision d) {
    if (d instanceof BanDecision.Banned b) {
      Duration wait = b.retryAfter(clock.instant());
      throw new ApiException.TooManyRequests(wait);
    }
  }
}
