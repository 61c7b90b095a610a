package io.valise.core.keydir;

import io.valise.core.id.AccountId;
import io.valise.core.id.KeyId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An age recipient that an account published. Only the public recipient string is stored; the
 * identity stays with its owner.
 *
 * @param recipient the canonical text form ({@code age1...} or {@code age1pq1...}), checked with
 *     the age module
 * @param kind must match the recipient
 * @param revokedAt when the owner or an administrator withdrew it, or null while it is current
 */
public record PublishedKey(
    KeyId id,
    AccountId account,
    String recipient,
    KeyKind kind,
    Instant publishedAt,
    @Nullable Instant revokedAt) {
  /**
   * @throws IllegalArgumentException if the recipient is malformed or not of {@code kind}, or the
   *     revocation precedes the publication
   */
  public PublishedKey {
    // One spelling per key, so that the directory's uniqueness rule cannot be side-stepped.
    if (!recipient.equals(KeyKind.canonical(recipient))) {
      throw new IllegalArgumentException("Recipient is not in its canonical form");
    }
    KeyKind actual = KeyKind.of(recipient);
    if (actual != kind) {
      throw new IllegalArgumentException(
          "Recipient is of kind [%s], not [%s]".formatted(actual, kind));
    }
    if (revokedAt != null && revokedAt.isBefore(publishedAt)) {
      throw new IllegalArgumentException(
          "Key [%s] revoked at [%s], before it was published at [%s]"
              .formatted(id, revokedAt, publishedAt));
    }
  }

  /**
   * A newly published key, its kind read from the recipient.
   *
   * @throws IllegalArgumentException if the recipient is malformed
   */
  public static PublishedKey publish(
      KeyId id, AccountId account, String recipient, Instant publishedAt) {
    return new PublishedKey(id, account, recipient, KeyKind.of(recipient), publishedAt, null);
  }

  /** Whether the key is current (not revoked). */
  public boolean current() {
    return revokedAt == null;
  }
}
