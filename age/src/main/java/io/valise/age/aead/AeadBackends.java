package io.valise.age.aead;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the {@link AeadBackend} at run time: the fastest one that loads and passes its self-test,
 * else the pure-JDK one.
 *
 * <p>The system property {@value #PROPERTY} forces a choice: {@code jdk} or {@code openssl}. Unset
 * or blank means automatic. The native backend needs the JVM flag {@code
 * --enable-native-access=ALL-UNNAMED} (or the module's name) to run without a warning.
 */
public final class AeadBackends {
  /** The system property that forces a backend by name: {@code jdk} or {@code openssl}. */
  public static final String PROPERTY = "valise.aead";

  private static final System.Logger LOG = System.getLogger(AeadBackends.class.getName());

  private AeadBackends() {}

  /** The pure-JDK backend: always available. */
  public static AeadBackend jdk() {
    return JdkChaCha20Poly1305.BACKEND;
  }

  /**
   * The backend over the system's OpenSSL 3 libcrypto, if it loads and passes its self-test. It is
   * tried once per JVM, on the first call.
   */
  public static Optional<AeadBackend> openssl() {
    return OpenSslHolder.PROBE.usable();
  }

  /**
   * The best backend available on this machine, or the one {@value #PROPERTY} forces.
   *
   * @throws IllegalStateException if the property names an unknown backend, or forces {@code
   *     openssl} where it is unavailable (the message says why)
   */
  public static AeadBackend best() {
    return choose(System.getProperty(PROPERTY), OpenSslHolder.PROBE);
  }

  /** The outcome of trying OpenSSL, with the reason when it failed. */
  static Probe openSslProbe() {
    return OpenSslHolder.PROBE;
  }

  static AeadBackend choose(@Nullable String forced, Probe openssl) {
    String name = forced == null ? "" : forced.strip().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "" -> openssl.usable().orElseGet(AeadBackends::jdk);
      case "jdk" -> jdk();
      case "openssl" ->
          switch (openssl) {
            case Probe.Passed(AeadBackend backend) -> backend;
            case Probe.Failed(RuntimeException reason) ->
                throw new IllegalStateException(
                    "%s=openssl forced, but the OpenSSL backend is unavailable: %s"
                        .formatted(PROPERTY, reason.getMessage()),
                    reason);
          };
      default ->
          throw new IllegalStateException(
              "%s=[%s] names no backend; expected jdk or openssl".formatted(PROPERTY, forced));
    };
  }

  /** Probes OpenSSL on first use only, so a JVM that never encrypts never loads libcrypto. */
  private static final class OpenSslHolder {
    static final Probe PROBE = probe();

    private static Probe probe() {
      Probe probe = Probe.of(OpenSslChaCha20Poly1305::load);
      if (probe instanceof Probe.Failed(RuntimeException reason)) {
        LOG.log(Level.DEBUG, "OpenSSL ChaCha20-Poly1305 unavailable, using the JDK's", reason);
      }
      return probe;
    }

    private OpenSslHolder() {}
  }
}
