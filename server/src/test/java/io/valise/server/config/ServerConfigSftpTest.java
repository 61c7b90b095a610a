package io.valise.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SFTP gateway's keys of the configuration file: off by default, strict when set. */
class ServerConfigSftpTest {
  @TempDir Path dir;

  private ServerConfig read(String text) throws Exception {
    Path file = dir.resolve("valise.properties");
    Files.writeString(file, text);
    return ServerConfig.defaults(dir).withFile(file);
  }

  private String refused(String text) {
    return assertThrows(ConfigException.class, () -> read(text)).getMessage() + "";
  }

  @Test
  void theGatewayIsOffUnlessListenIsSet() throws Exception {
    SftpConfig s = read("listen=127.0.0.1:9000\n").sftp();
    assertFalse(s.enabled());
    assertEquals(Set.of(), s.clearIngress());
    assertEquals(4, s.maxSessionsPerAccount());
  }

  @Test
  void everyKeyIsRead() throws Exception {
    SftpConfig s =
        read("""
                sftp.listen=0.0.0.0:2222
                sftp.clear-ingress=lab-nord, lab-sud,
                sftp.max-sessions-per-account=2
                """)
            .sftp();
    assertTrue(s.enabled());
    assertEquals("0.0.0.0", s.host());
    assertEquals(2222, s.port());
    assertEquals(Set.of("lab-nord", "lab-sud"), s.clearIngress());
    assertEquals(2, s.maxSessionsPerAccount());
  }

  @Test
  void badValuesAreRefusedNamingTheKey() {
    assertTrue(refused("sftp.listen=2222\n").contains("sftp.listen [2222] must be HOST:PORT"));
    assertTrue(refused("sftp.listen=h:70000\n").contains("sftp.listen port [70000]"));
    assertTrue(
        refused("sftp.clear-ingress=Lab Nord\n").contains("[Lab Nord], not an account name"));
    assertTrue(refused("sftp.max-sessions-per-account=0\n").contains("1 to 1000"));
    assertTrue(refused("sftp.port=22\n").contains("sftp.port"));
  }
}
