package io.valise.age.aead;

import java.util.Optional;
import java.util.function.Supplier;

/** Whether a candidate backend loaded and passed its {@link SelfTest}, and if not, why. */
sealed interface Probe {
  /** The backend loaded and passed. */
  record Passed(AeadBackend backend) implements Probe {}

  /** The backend is unusable here; {@code reason} says why, with its causes. */
  record Failed(RuntimeException reason) implements Probe {}

  /** Loads a candidate and self-tests it; never throws. */
  static Probe of(Supplier<AeadBackend> loader) {
    try {
      AeadBackend candidate = loader.get();
      SelfTest.run(candidate);
      return new Passed(candidate);
    } catch (RuntimeException e) {
      return new Failed(e);
    }
  }

  default Optional<AeadBackend> usable() {
    return this instanceof Passed(AeadBackend b) ? Optional.of(b) : Optional.empty();
  }
}
