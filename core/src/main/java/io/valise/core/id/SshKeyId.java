package io.valise.core.id;

import java.security.SecureRandom;

/** The random id of an SSH public key registered for SFTP login. */
public record SshKeyId(long high, long low) implements Id {
  /** A fresh id: 128 bits from {@code random}. */
  public static SshKeyId random(SecureRandom random) {
    long[] v = Base32Id.random(random);
    return new SshKeyId(v[0], v[1]);
  }

  /**
   * Reads the text form {@link #text()}.
   *
   * @throws IllegalArgumentException if {@code text} is not exactly a canonical id
   */
  public static SshKeyId parse(String text) {
    long[] v = Base32Id.parse("SshKeyId", text);
    return new SshKeyId(v[0], v[1]);
  }

  @Override
  public String toString() {
    return text();
  }
}
