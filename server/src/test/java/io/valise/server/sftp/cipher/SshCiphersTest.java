package io.valise.server.sftp.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.Test;

/** The cipher list: MINA's, in MINA's order, with ours in place of three by name. */
class SshCiphersTest {
  @Test
  void replacesChaCha20AndGcmByNameAndKeepsTheRest() {
    List<NamedFactory<Cipher>> defaults = SshServer.setUpDefaultServer().getCipherFactories();
    List<NamedFactory<Cipher>> tuned = SshCiphers.tuned(defaults);
    assertEquals(names(defaults), names(tuned));
    for (int i = 0; i < defaults.size(); i++) {
      String name = defaults.get(i).getName();
      if (List.of(
              "chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com")
          .contains(name)) {
        assertInstanceOf(Factory.class, tuned.get(i), name);
      } else {
        assertSame(defaults.get(i), tuned.get(i), name);
      }
    }
    assertInstanceOf(
        OpenSslChaCha20Poly1305.class,
        tuned.get(names(tuned).indexOf("chacha20-poly1305@openssh.com")).create(),
        "OpenSSL 3 is on this machine (Debian's libssl3)");
    String described = SshCiphers.describe(tuned);
    assertTrue(described.contains("chacha20-poly1305@openssh.com (OpenSSL)"), described);
    assertTrue(described.contains("aes128-gcm@openssh.com (JDK)"), described);
  }

  @Test
  void minaKeepsMinasOwnAndAnythingElseIsRefused() {
    assertEquals(0, SshCiphers.replacements("mina").size());
    assertEquals(0, SshCiphers.replacements(" MINA ").size());
    assertEquals(3, SshCiphers.replacements(null).size());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SshCiphers.replacements("openssl"));
    assertTrue(String.valueOf(e.getMessage()).contains("[openssl]"), e.getMessage());
  }

  private static List<String> names(List<NamedFactory<Cipher>> factories) {
    return factories.stream().map(NamedFactory::getName).toList();
  }
}
