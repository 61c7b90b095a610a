package io.valise.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.server.envelope.EnvelopePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy keys of the configuration file, parsed as strictly as the others. */
class ServerConfigPolicyTest {
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
  void defaultsAreTwentyGibibytesAndNoSecondFactorRequired() throws Exception {
    ServerConfig c = read("# nothing\n");
    assertEquals(20L << 30, c.policy().quotaBytesPerAccount());
    assertEquals(EnvelopePolicy.DEFAULT_QUOTA, c.policy().quotaBytesPerAccount());
    assertFalse(c.requireSecondFactor());
  }

  @Test
  void theKeysAreRead() throws Exception {
    ServerConfig c = read("quota.bytes-per-account = 1048576\nauth.require-second-factor=true\n");
    assertEquals(1_048_576, c.policy().quotaBytesPerAccount());
    assertTrue(c.requireSecondFactor());
    assertFalse(read("auth.require-second-factor=false\n").requireSecondFactor());
  }

  @Test
  void badValuesAreErrorsNamingTheKey() {
    assertTrue(refused("auth.require-second-factor=yes\n").contains("auth.require-second-factor"));
    assertTrue(refused("auth.require-second-factor=TRUE\n").contains("true or false"));
    assertTrue(refused("quota.bytes-per-account=0\n").contains("Quota [0]"));
    assertTrue(refused("quota.bytes-per-account=-5\n").contains("Quota"));
    assertTrue(refused("quota.bytes-per-account=20GiB\n").contains("20GiB"));
    assertTrue(
        refused("quota.bytes-per-account=1\nquota.bytes-per-account=2\n").contains("given twice"));
  }
}
