package io.valise.client.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A session ({@code vls_...}) or API token ({@code vlt_...}). Prints redacted and compares in
 * constant time; the value leaves only through {@link #reveal()}, for the Authorization header and
 * the session file.
 */
public final class BearerToken {
  private final String value;

  public BearerToken(String value) {
    if (value.isEmpty() || !value.chars().allMatch(c -> c > 32 && c < 127)) {
      throw new IllegalArgumentException("A token is printable ASCII without spaces");
    }
    this.value = value;
  }

  /** The token itself. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BearerToken t
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.US_ASCII), t.value.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public int hashCode() {
    return 0; // no hash of the secret
  }

  @Override
  public String toString() {
    return "BearerToken[REDACTED]";
  }
}
