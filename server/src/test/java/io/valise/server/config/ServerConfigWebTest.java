package io.valise.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web app's keys of the configuration file: where passkeys may be used from. */
class ServerConfigWebTest {
  @TempDir Path dir;

  private WebConfig read(String text) throws Exception {
    Path file = dir.resolve("valise.properties");
    Files.writeString(file, text);
    return ServerConfig.defaults(dir).withFile(file).web();
  }

  private String refused(String text) {
    return assertThrows(ConfigException.class, () -> read(text)).getMessage() + "";
  }

  @Test
  void withoutAnOriginTheLoopbackAddressIsUsed() throws Exception {
    WebConfig w = read("listen=127.0.0.1:9000\n");
    assertEquals(WebConfig.LOCAL, w);
    assertEquals(List.of(), w.origins());
    assertEquals("localhost", w.effectiveRpId());
  }

  @Test
  void originsAreNormalisedAndTheRpIdIsTheFirstHost() throws Exception {
    WebConfig w =
        read("web.origin=https://Valise.Example.org:443, https://files.valise.example.org:8443\n");
    assertEquals(
        List.of("https://valise.example.org", "https://files.valise.example.org:8443"),
        w.origins());
    assertEquals("valise.example.org", w.effectiveRpId());

    WebConfig shared =
        read("web.origin=https://a.example.org,https://b.example.org\nweb.rp-id=example.org\n");
    assertEquals("example.org", shared.effectiveRpId());
    assertEquals("localhost", read("web.origin=http://localhost:8080\n").effectiveRpId());
  }

  @Test
  void badValuesAreRefusedNamingTheKey() {
    assertTrue(refused("web.origin=valise.example.org\n").contains("web.origin"));
    assertTrue(refused("web.origin=https://valise.example.org/app\n").contains("no path"));
    assertTrue(refused("web.origin=ftp://valise.example.org\n").contains("http or https"));
    assertTrue(refused("web.origin=http://valise.example.org\n").contains("use https"));
    assertTrue(refused("web.origin=https://u@valise.example.org\n").contains("web.origin"));
    assertTrue(refused("web.origin=,\n").contains("names no origin"));
    assertTrue(refused("web.origin=http://127.0.0.1:7443\n").contains("IP address"));
    assertTrue(refused("web.rp-id=example.org\n").contains("web.rp-id needs web.origin"));
    assertTrue(
        refused("web.origin=https://valise.example.org\nweb.rp-id=other.org\n")
            .contains("not on the relying party [other.org]"));
    assertTrue(
        refused("web.origin=https://a.example.org\nweb.rp-id=Example.org\n")
            .contains("lower-case host name"));
    assertTrue(refused("web.origins=https://a.example.org\n").contains("unknown key"));
  }
}
