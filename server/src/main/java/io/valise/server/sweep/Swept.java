package io.valise.server.sweep;

/**
 * What one sweeper pass did.
 *
 * @param held whether this node held the lease; if not, it did nothing
 * @param envelopes envelopes purged (row and blob)
 * @param links share links deleted
 * @param sessions ended sessions deleted
 * @param tokens expired API tokens deleted
 * @param orphans payload blobs with no envelope deleted
 */
public record Swept(boolean held, int envelopes, int links, int sessions, int tokens, int orphans) {
  static final Swept NOT_HELD = new Swept(false, 0, 0, 0, 0, 0);

  /** Whether anything was deleted. */
  public boolean any() {
    return envelopes + links + sessions + tokens + orphans > 0;
  }
}
