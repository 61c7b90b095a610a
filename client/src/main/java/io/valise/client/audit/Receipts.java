package io.valise.client.audit;

import io.valise.client.api.LoggedEntry;
import io.valise.client.api.Receipt;
import io.valise.tlog.merkle.InvalidProofException;
import io.valise.tlog.merkle.MerkleProofs;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a receipt (docs/api.md, "Receipts"): its checkpoint is signed by the pinned log key and
 * consistent with the stored one, the entry's leaf hash is included at its index under that
 * checkpoint's root, and the entry says what the client expects.
 */
public final class Receipts {
  private Receipts() {}

  /** A receipt that verified: where the entry is, and under which checkpoint. */
  public record Verified(long index, VerifiedCheckpoint checkpoint) {
    /** {@code index I, tree size N, root <hex>}. */
    public String describe() {
      return "index "
          + index
          + ", tree size "
          + checkpoint.size()
          + ", root "
          + checkpoint.root().hex();
    }
  }

  /**
   * Verifies {@code receipt} for an action described by {@code expected} (entry fields that must
   * have exactly these values).
   *
   * @param what the action, for messages ("the upload of envelope X")
   * @throws AuditException if anything does not verify
   */
  public static Verified verify(
      Receipt receipt, Map<String, String> expected, LogVerifier log, String what)
      throws IOException {
    VerifiedCheckpoint c = log.accept(receipt.checkpoint());
    if (receipt.index() >= c.size()) {
      throw new AuditException(
          "the receipt of "
              + what
              + " is not valid: index "
              + receipt.index()
              + " is not below its checkpoint's size "
              + c.size());
    }
    try {
      MerkleProofs.verifyInclusion(
          receipt.index(), c.size(), receipt.entry().leafHash(), receipt.proof(), c.root());
    } catch (InvalidProofException e) {
      throw new AuditException(
          "the receipt of "
              + what
              + " is not valid: its entry is not proved to be in the log at index "
              + receipt.index()
              + " ("
              + c.describe()
              + "): "
              + e.getMessage(),
          e);
    }
    expect(new LoggedEntry(receipt.index(), receipt.entry()), expected, "the receipt of " + what);
    return new Verified(receipt.index(), c);
  }

  /**
   * Checks that the entry has each expected field with exactly the expected value.
   *
   * @throws AuditException naming the first field that differs
   */
  static void expect(LoggedEntry entry, Map<String, String> expected, String what)
      throws AuditException {
    Map<String, String> fields;
    try {
      fields = entry.entry().fields();
    } catch (IOException e) {
      throw new AuditException(what + ": log entry " + entry.index() + ": " + e.getMessage(), e);
    }
    for (var e : expected.entrySet()) {
      String got = fields.get(e.getKey());
      if (!Objects.equals(got, e.getValue())) {
        throw new AuditException(
            what
                + ": log entry "
                + entry.index()
                + " is not the expected one: \""
                + e.getKey()
                + "\" is "
                + (got == null ? "missing" : "\"" + shorten(got) + "\"")
                + ", expected \""
                + shorten(e.getValue())
                + "\"");
      }
    }
  }

  private static String shorten(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(100).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return s.length() > 100 ? b + "..." : b.toString();
  }
}
