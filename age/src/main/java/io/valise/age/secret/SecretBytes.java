package io.valise.age.secret;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Base of every secret held as bytes (file keys, payload keys, identities): prints as {@code
 * Name[REDACTED]}, compares in constant time, and wipes itself on {@link #destroy()} or {@link
 * #close()}. Once destroyed, {@link #secret()} throws, and the instance equals only itself (all
 * wiped secrets would otherwise compare equal).
 */
public abstract class SecretBytes implements Destroyable, AutoCloseable {
  private final byte[] bytes;
  private volatile boolean destroyed;

  /** Takes ownership of {@code owned}: the caller must not keep or wipe it. */
  protected SecretBytes(byte[] owned) {
    this.bytes = owned;
  }

  /**
   * The secret itself, not a copy: subclasses use it in place and never let it escape.
   *
   * @throws IllegalStateException if this secret was destroyed
   */
  protected final byte[] secret() {
    if (destroyed) {
      throw new IllegalStateException(getClass().getSimpleName() + " was destroyed");
    }
    return bytes;
  }

  /** Overwrites the secret with zeros. Subclasses holding more secret state extend this. */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public final boolean isDestroyed() {
    return destroyed;
  }

  /** Same as {@link #destroy()}. */
  @Override
  public final void close() {
    destroy();
  }

  /** Constant-time comparison with another live secret of the same class. */
  protected final boolean sameSecret(SecretBytes other) {
    if (this == other) {
      return true;
    }
    return other.getClass() == getClass()
        && !destroyed
        && !other.destroyed
        && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[REDACTED]";
  }
}
