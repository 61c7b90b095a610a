package io.valise.core.retention;

import java.time.Instant;

/**
 * What is stored for one account, as sender and as recipient. An envelope sent to oneself counts
 * once in each role.
 *
 * @param sent envelopes this account sent that are still stored
 * @param sentBytes their total size
 * @param received envelopes addressed to this account that are still stored
 * @param receivedBytes their total size
 * @param earliestExpiry the soonest expiry among all of them
 * @param latestExpiry the last: after it nothing of this account's is stored
 */
public record AccountRetention(
    String account,
    int sent,
    long sentBytes,
    int received,
    long receivedBytes,
    Instant earliestExpiry,
    Instant latestExpiry) {

  AccountRetention add(RetainedEnvelope e, boolean asSender) {
    return new AccountRetention(
        account,
        sent + (asSender ? 1 : 0),
        sentBytes + (asSender ? e.size() : 0),
        received + (asSender ? 0 : 1),
        receivedBytes + (asSender ? 0 : e.size()),
        e.expiresAt().isBefore(earliestExpiry) ? e.expiresAt() : earliestExpiry,
        e.expiresAt().isAfter(latestExpiry) ? e.expiresAt() : latestExpiry);
  }

  static AccountRetention first(String account, RetainedEnvelope e, boolean asSender) {
    return new AccountRetention(account, 0, 0, 0, 0, e.expiresAt(), e.expiresAt()).add(e, asSender);
  }
}
