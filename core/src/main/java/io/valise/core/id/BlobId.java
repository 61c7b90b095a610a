package io.valise.core.id;

import java.security.SecureRandom;

/** The random id of a blob (the payload bytes of an envelope) in a blob store. */
public record BlobId(long high, long low) implements Id {
  /** A fresh id: 128 bits from {@code random}. */
  public static BlobId random(SecureRandom random) {
    long[] v = Base32Id.random(random);
    return new BlobId(v[0], v[1]);
  }

  /**
   * Reads the text form {@link #text()}.
   *
   * @throws IllegalArgumentException if {@code text} is not exactly a canonical id
   */
  public static BlobId parse(String text) {
    long[] v = Base32Id.parse("BlobId", text);
    return new BlobId(v[0], v[1]);
  }

  @Override
  public String toString() {
    return text();
  }
}
