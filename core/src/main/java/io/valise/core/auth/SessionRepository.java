package io.valise.core.auth;

import io.valise.core.id.AccountId;
import io.valise.core.id.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Stores sessions by the SHA-256 hash of their token, never the token itself, with a public id
 * (random, unrelated to the token) by which their owner lists and ends them. All methods throw
 * {@link io.valise.core.tx.StoreException} when the store fails.
 */
public interface SessionRepository {
  /**
   * Stores a new session of {@code account} without a public id or origin; it gets an id when its
   * owner first lists it ({@link #assignId}). Prefer {@link #create(AccountId, SessionRecord,
   * SessionId, SessionOrigin)}.
   *
   * @throws io.valise.core.tx.UnknownReferenceException if the account is missing
   */
  void create(AccountId account, SessionRecord record);

  /**
   * Stores a new session of {@code account} with its public id and how it was opened.
   *
   * @throws io.valise.core.tx.UnknownReferenceException if the account is missing
   * @throws io.valise.core.tx.ConflictException if the id or the token hash is taken
   */
  void create(AccountId account, SessionRecord record, SessionId id, SessionOrigin origin);

  /** The session whose token hashes to {@code hash}. */
  Optional<StoredSession> find(TokenHash hash);

  /** The sessions of {@code account}, newest first, ended ones included until they are deleted. */
  List<ListedSession> list(AccountId account);

  /**
   * Gives a session stored without a public id the id {@code id}.
   *
   * @return false if it has one already (or is gone): read it again
   */
  boolean assignId(TokenHash hash, SessionId id);

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

  /**
   * A session as its owner's list shows it.
   *
   * @param id null for a session stored without one, until {@link #assignId}
   * @param origin null for a session stored without one
   */
  record ListedSession(
      @Nullable SessionId id, SessionRecord record, @Nullable SessionOrigin origin) {}
}
