package io.valise.core.retention;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is stored, for whom, until when.
 *
 * @param at when the report was made
 * @param envelopes every stored envelope, soonest expiry first
 * @param accounts per account name, sorted; accounts with nothing stored are left out
 * @param totalBytes the size of all envelopes
 */
public record RetentionReport(
    Instant at,
    List<RetainedEnvelope> envelopes,
    List<AccountRetention> accounts,
    long totalBytes) {
  public RetentionReport {
    envelopes = List.copyOf(envelopes);
    accounts = List.copyOf(accounts);
  }

  /** Adds up the envelopes per account. */
  public static RetentionReport of(Instant at, List<RetainedEnvelope> envelopes) {
    Map<String, AccountRetention> byName = new TreeMap<>();
    long total = 0;
    for (RetainedEnvelope e : envelopes) {
      total += e.size();
      count(byName, e.sender(), e, true);
      for (String r : e.recipients()) {
        count(byName, r, e, false);
      }
    }
    return new RetentionReport(at, envelopes, List.copyOf(byName.values()), total);
  }

  private static void count(
      Map<String, AccountRetention> byName, String name, RetainedEnvelope e, boolean asSender) {
    AccountRetention before = byName.get(name);
    byName.put(
        name, before == null ? AccountRetention.first(name, e, asSender) : before.add(e, asSender));
  }
}
