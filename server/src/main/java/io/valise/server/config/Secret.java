package io.valise.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A configuration secret (a database password): printed as [REDACTED], compared in constant time.
 */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = value;
  }

  /** The secret itself, for the one place that needs it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "[REDACTED]";
  }
}
