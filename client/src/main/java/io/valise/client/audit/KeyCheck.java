package io.valise.client.audit;

import io.valise.client.api.LoggedEntry;
import io.valise.client.api.PublishedKey;
import io.valise.client.keys.Keys;
import java.io.IOException;
import java.util.Map;

/**
 * Key transparency for a sender: a key is encrypted to only if its {@code key.publish} entry is in
 * the audit log (proved under a verified checkpoint) and names that account, that exact recipient
 * and that key id. A server that hands out a key of its own must then log it, where the account's
 * owner and auditors can see it.
 */
public final class KeyCheck {
  private KeyCheck() {}

  /**
   * Verifies the log entry of {@code key}, published by the account named {@code account}.
   *
   * @throws AuditException naming the account and key if it has no log entry or it does not verify
   */
  public static void verify(String account, PublishedKey key, LogVerifier log) throws IOException {
    String what =
        "the key " + Keys.abbreviate(key.recipient()) + " (id " + key.id() + ") of " + account;
    LoggedEntry entry = key.log();
    if (entry == null) {
      throw new AuditException(
          what + " is not in the audit log: the server may be substituting keys; refused");
    }
    Receipts.expect(
        entry,
        Map.of(
            "type",
            "key.publish",
            "accountName",
            account,
            "recipient",
            key.recipient(),
            "key",
            key.id()),
        what + " is not in the audit log as served (the server may be substituting keys)");
    VerifiedCheckpoint c = log.current();
    if (entry.index() >= c.size()) {
      c = log.refresh();
    }
    try {
      log.verifyInclusion(entry, c, what);
    } catch (AuditException e) {
      throw new AuditException(
          e.getMessage()
              + "; it is not proved to be in the audit log: the server may be"
              + " substituting keys; refused",
          e);
    }
  }
}
