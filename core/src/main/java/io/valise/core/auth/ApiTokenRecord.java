package io.valise.core.auth;

import java.time.Instant;
import java.util.Set;

/**
 * What the store keeps of an API token: its hash, scopes and validity. The account it belongs to
 * and a human label are the store's business.
 *
 * @param hash SHA-256 of the token
 * @param scopes what it allows, not empty
 * @param createdAt when it was issued
 * @param expiresAt when it stops working, after {@code createdAt}
 */
public record ApiTokenRecord(
    TokenHash hash, Set<TokenScope> scopes, Instant createdAt, Instant expiresAt) {

  /**
   * Copies the scopes and checks the times.
   *
   * @throws IllegalArgumentException if {@code scopes} is empty or {@code expiresAt} is not after
   *     {@code createdAt}
   */
  public ApiTokenRecord {
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("API token needs at least one scope");
    }
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException(
          "API token expiry [%s] not after creation [%s]".formatted(expiresAt, createdAt));
    }
    scopes = Set.copyOf(scopes);
  }
}
