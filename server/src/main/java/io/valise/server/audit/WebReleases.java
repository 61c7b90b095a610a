package io.valise.server.audit;

import io.valise.core.audit.WebReleaseRepository;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.Transactions;
import io.valise.web.WebBundle;
import java.time.Clock;
import java.util.OptionalLong;

/**
 * Publishes each release of the web app in the audit log: a {@code web.release} entry naming the
 * bundle hash ({@code web}, the SHA-256 of its {@code files.txt}), written once per bundle by the
 * first node that serves it. A browser user, or {@code valise verify-web}, can then check that the
 * page a server serves is a release the log shows to everyone, rather than one made for them.
 */
public final class WebReleases {
  private final WebReleaseRepository releases;
  private final Audit audit;
  private final Transactions transactions;
  private final Clock clock;

  public WebReleases(
      WebReleaseRepository releases, Audit audit, Transactions transactions, Clock clock) {
    this.releases = releases;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Makes sure {@code bundle} is published: appends its {@code web.release} entry unless one exists
   * (another node, or an earlier start, published it).
   *
   * @param node this node's name, {@code version} the server's, for the entry
   * @return the pending id of the entry that publishes it; empty when the log is off (benchmark)
   */
  public OptionalLong publish(WebBundle bundle, String node, String version) {
    String hash = bundle.hash();
    try {
      return transactions.inTransaction(
          () -> {
            OptionalLong known = releases.entryOf(hash);
            if (known.isPresent()) {
              return known;
            }
            long pending =
                audit.append(
                    audit
                        .event("web.release", Audit.SERVER)
                        .put("web", hash)
                        .put("files", (long) bundle.paths().size())
                        .put("node", node)
                        .put("version", version));
            if (pending < 0) {
              return OptionalLong.empty();
            }
            releases.record(hash, pending, clock.instant());
            return OptionalLong.of(pending);
          });
    } catch (ConflictException e) {
      // Another node published it between our look and our write; its entry is the one.
      return releases.entryOf(hash);
    }
  }
}
