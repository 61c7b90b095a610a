package io.valise.core.auth;

/**
 * Keeps one {@link BruteForceState} per {@link BruteForceSubject#key()}, so that every node sees
 * the same scores and bans. Writes are optimistic: a write succeeds only if the row still has the
 * version that was read, so two nodes scoring at once never lose a failure (the loser reads again
 * and retries). All methods throw {@link io.valise.core.tx.StoreException} when the store fails.
 */
public interface BruteForceRepository {
  /** The state of {@code key} and its version; {@link Versioned#NONE} for a subject never seen. */
  Versioned find(String key);

  /**
   * Writes {@code state} if the stored version is still {@code expectedVersion} (0: no row yet).
   *
   * @return false if another writer came first; read again and retry
   */
  boolean save(String key, BruteForceState state, long expectedVersion);

  /** Forgets a subject; false if there was no row. */
  boolean delete(String key);

  /** A state as stored, with the version that a later {@link #save} must name. */
  record Versioned(BruteForceState state, long version) {
    /** A subject with no row. */
    public static final Versioned NONE = new Versioned(BruteForceState.CLEAN, 0);
  }
}
