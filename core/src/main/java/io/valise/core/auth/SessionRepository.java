package io.valise.core.auth;

import io.valise.core.id.AccountId;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores sessions by the SHA-256 hash of their token, never the token itself. All methods throw
 * {@link io.valise.core.tx.StoreException} when the store fails.
 */
public interface SessionRepository {
  /**
   * Stores a new session of {@code account}.
   *
   * @throws io.valise.core.tx.UnknownReferenceException if the account is missing
   */
  void create(AccountId account, SessionRecord record);

  /** The session whose token hashes to {@code hash}. */
  Optional<StoredSession> find(TokenHash hash);

  /** Records activity; false if there is no such session. */
  boolean touch(TokenHash hash, Instant lastSeenAt);

  /** Ends a session; false if there was none. */
  boolean delete(TokenHash hash);

  /** Deletes every session last seen before {@code before}; returns how many. */
  int deleteIdleSince(Instant before);

  /**
   * Deletes every session that has ended: last seen at or before {@code idleCutoff} (now minus the
   * idle timeout) or created at or before {@code absoluteCutoff} (now minus the absolute lifetime).
   *
   * @return how many were deleted
   */
  int deleteEnded(Instant idleCutoff, Instant absoluteCutoff);

  /** A session and the account it belongs to. */
  record StoredSession(AccountId account, SessionRecord record) {}
}
