package io.valise.server.sftp.cipher;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.jspecify.annotations.Nullable;

/**
 * The SSH ciphers the SFTP gateway offers: MINA SSHD's list, in MINA's order, with these replaced
 * by faster implementations of the same algorithms (same names, same bytes on the wire):
 *
 * <ul>
 *   <li>chacha20-poly1305@openssh.com on OpenSSL's libcrypto ({@link OpenSslChaCha20Poly1305}),
 *       when libcrypto 3 loads and the implementation passes its self-test against MINA's;
 *       otherwise MINA's pure-Java one stays;
 *   <li>aes128-gcm@openssh.com and aes256-gcm@openssh.com on the JDK, decrypting out of place
 *       ({@link JdkAesGcm}), after the same self-test.
 * </ul>
 *
 * <p>The system property {@value #PROPERTY}{@code =mina} keeps MINA's implementations (to compare
 * them, or to rule ours out). Native code needs the JVM flag {@code
 * --enable-native-access=ALL-UNNAMED}, which the {@code valise} launcher passes.
 */
public final class SshCiphers {
  /** The system property that keeps MINA's own ciphers when set to {@code mina}. */
  public static final String PROPERTY = "valise.sftp.ciphers";

  private static final System.Logger LOG = System.getLogger(SshCiphers.class.getName());

  private SshCiphers() {}

  /**
   * {@code defaults} with the ciphers above replaced by name; the others, and the order, as they
   * are.
   *
   * @throws IllegalStateException if {@value #PROPERTY} holds something other than {@code mina} or
   *     nothing
   */
  public static List<NamedFactory<Cipher>> tuned(List<NamedFactory<Cipher>> defaults) {
    Map<String, NamedFactory<Cipher>> ours = replacements(System.getProperty(PROPERTY));
    List<NamedFactory<Cipher>> out = new ArrayList<>(defaults.size());
    for (NamedFactory<Cipher> f : defaults) {
      out.add(ours.getOrDefault(f.getName(), f));
    }
    return List.copyOf(out);
  }

  /** One line for the start-up message: which implementation serves each replaced cipher. */
  public static String describe(List<NamedFactory<Cipher>> factories) {
    List<String> parts = new ArrayList<>();
    for (NamedFactory<Cipher> f : factories) {
      String name = f.getName();
      if (name.startsWith("chacha20") || name.contains("gcm")) {
        parts.add(name + (f instanceof Factory ? " " + implementation(name) : " (MINA)"));
      }
    }
    return String.join(", ", parts);
  }

  private static String implementation(String name) {
    return name.startsWith("chacha20") ? "(OpenSSL)" : "(JDK)";
  }

  static Map<String, NamedFactory<Cipher>> replacements(@Nullable String property) {
    String choice = property == null ? "" : property.strip().toLowerCase(Locale.ROOT);
    return switch (choice) {
      case "mina" -> Map.of();
      case "" -> Holder.REPLACEMENTS;
      default ->
          throw new IllegalStateException(
              "%s=[%s] is not understood; expected mina or nothing".formatted(PROPERTY, property));
    };
  }

  /** Loads and self-tests the replacements once per JVM, on first use. */
  private static final class Holder {
    static final Map<String, NamedFactory<Cipher>> REPLACEMENTS = load();

    private static Map<String, NamedFactory<Cipher>> load() {
      java.util.HashMap<String, NamedFactory<Cipher>> m = new java.util.HashMap<>();
      for (BuiltinCiphers gcm : List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm)) {
        tryAdd(m, new Factory(gcm, () -> new JdkAesGcm(gcm)));
      }
      try {
        LibCrypto lib = LibCrypto.system();
        tryAdd(
            m,
            new Factory(BuiltinCiphers.cc20p1305_openssh, () -> new OpenSslChaCha20Poly1305(lib)));
      } catch (RuntimeException e) {
        LOG.log(Level.INFO, "OpenSSL unavailable for chacha20-poly1305, using MINA's: {0}", e);
      }
      return Map.copyOf(m);
    }

    private static void tryAdd(Map<String, NamedFactory<Cipher>> m, Factory f) {
      try {
        SelfTest.run(f.builtin(), f::create);
        m.put(f.getName(), f);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Keeping MINA's " + f.getName() + ": " + e.getMessage(), e);
      }
    }

    private Holder() {}
  }
}
