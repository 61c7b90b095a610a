package io.valise.age.stream;

import io.valise.age.aead.AeadBackend;
import io.valise.age.aead.AeadBackends;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The backends every backend-dependent test runs with: the pure-JDK one and the best one. */
final class Backends {
  private Backends() {}

  static List<AeadBackend> all() {
    return List.of(AeadBackends.jdk(), AeadBackends.best());
  }

  /** For {@code @MethodSource}: each backend named by the role it plays. */
  static Stream<Named<AeadBackend>> named() {
    return Stream.of(
        Named.of("jdk", AeadBackends.jdk()),
        Named.of("best(" + AeadBackends.best().name() + ")", AeadBackends.best()));
  }
}
