package io.valise.core.identitywrap;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.IdentityWrapId;
import io.valise.core.id.PasskeyId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An account's age identity as its owner encrypted it: an age file the server cannot decrypt.
 *
 * @param passkey the passkey whose PRF output it is encrypted to; present exactly for {@link
 *     IdentityWrapKind#PASSKEY}
 * @param recipient the recipient string ({@code age1...}, {@code age1pq1...}) of the identity
 *     inside, one the account published, so a page knows which key the identity opens
 * @param wrapped the age file, 1 to {@link #MAX_BYTES} bytes
 */
public record IdentityWrap(
    IdentityWrapId id,
    AccountId account,
    IdentityWrapKind kind,
    @Nullable PasskeyId passkey,
    String recipient,
    OpaqueBytes wrapped,
    Instant createdAt) {
  /** The largest wrap kept: an identity is under 3 KiB even post-quantum. */
  public static final int MAX_BYTES = 16 * 1024;

  /** The longest recipient string, as in the key directory. */
  public static final int MAX_RECIPIENT = 4096;

  /**
   * @throws IllegalArgumentException naming the bad value
   */
  public IdentityWrap {
    if ((kind == IdentityWrapKind.PASSKEY) != (passkey != null)) {
      throw new IllegalArgumentException(
          "An identity wrap names a passkey exactly when its kind is PASSKEY, not for [%s]"
              .formatted(kind));
    }
    if (recipient.isEmpty() || recipient.length() > MAX_RECIPIENT) {
      throw new IllegalArgumentException(
          "Recipient has length [%d], expected 1 to [%d]"
              .formatted(recipient.length(), MAX_RECIPIENT));
    }
    if (wrapped.length() < 1 || wrapped.length() > MAX_BYTES) {
      throw new IllegalArgumentException(
          "Wrapped identity has [%d] bytes, expected 1 to [%d]"
              .formatted(wrapped.length(), MAX_BYTES));
    }
  }
}
