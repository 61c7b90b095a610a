package io.valise.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code valise key ssh add|list|remove} against a running server, and the operator's {@code valise
 * admin user ssh-key} on its data directory (SQLite) or configured database (PostgreSQL) while it
 * runs.
 */
class SshKeyE2ETest extends E2eServer {
  // Made with ssh-keygen; the fingerprints are what ssh-keygen -lf printed.
  static final String ED25519 =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPEx/PKtVNMhQ4nGDlngxslaBHvojbgAiTQnFyYg/w6t"
          + " lab-lis@cerballiance";
  static final String ED25519_FINGERPRINT = "SHA256:+3jXewIYA/EcOKP+3vOIwDzF3E/X0etlfULON8FX41k";
  static final String RSA3072 =
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQCRrkdckyPeZgE2jwkASPLO7VW7/zdLH0JzXN7Wz4kfLB294feyZgDXUSC8IU1IUHhUcqT4+RP0H3zp0MSASvqzbZayZM2oy+qbtfsHPuuZJ1pIE0zxh9AGZ6VqogITdgd2A3a0uy35Z9FSVGmgau58lYEiZf19Zz5lJF/nktAdCp3ZmmzD2CjymXKmo/IRnkWK1ckcV9uddbyxFyjDQQ3z5EPj71LmonNgCvgsIye3Ond1oTgRw6iO09qLD98NgAkyF8z55olrI75X5c3rz95mriBxzVpSXDNol37j/caZhTFANhR3jRW3Xz3FPGouop1fHDmXm1gbzA/agJnJUhJj/1spwMYzC1oHYNKw3rYOo66NKM+aIQTgkg9fYUAbzgUOhtf/TaMQGxaeANrU04FNg2lL3md3tSCkdkolWdq8kRv4sW5DDVRJvG3Y29STS2KQlFNP+Lb7Z5h3MR2JAE5DsKnTVEl+CxO774d8ESh+5+X3cqVMPWYiytMILF0lUWk="
          + " rsa3072";
  static final String RSA3072_FINGERPRINT = "SHA256:udavu61b0Zt9Nu55fI+0iMCXnS9A2IzHITESvCB5V3o";
  static final String RSA1024 =
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDNS6dulomnssK26F1NZSk0ZYToUbCEJ1I/G5/pq31+wMiIDTD7NowRU1M1L4kTrRMBYIbQ5MdoW83u3fqg+c2pe7di9CG7L/Z0FJaA0kdTT30uDxqqOGBtpFdU1+8vgT3ydS3WlFOgKA3jQIyrfrsEwJAFoTcYprbt/74FtaI2Kw=="
          + " rsa1024";

  /** {@code admin user ssh-key ARGS --data DIR}, plus {@code --config} naming PostgreSQL. */
  private String[] local(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("admin", "user", "ssh-key"));
    all.addAll(List.of(args));
    all.addAll(List.of("--data", dir().resolve("server").toString()));
    String u = url;
    if (u != null) {
      Path config = dir().resolve("valise.properties");
      Files.writeString(config, "database.url=" + u + "\n", StandardCharsets.UTF_8);
      all.addAll(List.of("--config", config.toString()));
    }
    return all.toArray(String[]::new);
  }

  @Test
  void aUserAddsListsAndRemovesAnSshKeyWithTheCli() throws Exception {
    Person lab = person("lab");
    Person bob = person("bob");
    login(lab);
    login(bob);
    Path pub = files(lab).resolve("id_ed25519.pub");
    Files.writeString(pub, ED25519 + "\n", StandardCharsets.UTF_8);

    Run added = lab.ok("key", "ssh", "add", pub.toString());
    String[] idAndFingerprint = added.out().strip().split("  ", -1);
    assertEquals(2, idAndFingerprint.length, added.toString());
    String id = idAndFingerprint[0];
    assertEquals(ED25519_FINGERPRINT, idAndFingerprint[1]);
    assertTrue(added.err().contains("registered ssh-ed25519 key"), added.toString());

    Run second = lab.okWithInput(RSA3072, "key", "ssh", "add", "-", "--comment", "night batch");
    assertTrue(second.out().contains(RSA3072_FINGERPRINT), second.toString());

    List<String> lines = lab.ok("key", "ssh", "list").out().lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith(id + "  ssh-ed25519  " + ED25519_FINGERPRINT + "  "));
    assertTrue(lines.get(0).endsWith("  lab-lis@cerballiance"), lines.get(0));
    assertTrue(lines.get(1).contains("  ssh-rsa  " + RSA3072_FINGERPRINT + "  "), lines.get(1));
    assertTrue(lines.get(1).endsWith("  night batch"), lines.get(1));

    // Refusals: the server's reason, one error line each, nothing changed.
    Run taken = bob.run("key", "ssh", "add", pub.toString());
    assertEquals(1, taken.code(), taken.toString());
    assertTrue(taken.err().contains("[ssh_key_taken]"), taken.toString());
    Run weak = bob.input(RSA1024, "key", "ssh", "add", "-");
    assertEquals(1, weak.code(), weak.toString());
    assertTrue(weak.err().contains("RSA key of 1024 bits"), weak.toString());
    assertTrue(weak.err().contains("[bad_ssh_key]"), weak.toString());
    Run notMine = bob.run("key", "ssh", "remove", id);
    assertEquals(1, notMine.code(), notMine.toString());
    assertTrue(notMine.err().contains("you have no SSH key " + id), notMine.toString());
    assertEquals("", bob.ok("key", "ssh", "list").out());

    lab.ok("key", "ssh", "remove", id);
    lab.ok("key", "ssh", "remove", RSA3072_FINGERPRINT);
    Run empty = lab.ok("key", "ssh", "list");
    assertEquals("", empty.out());
    assertTrue(empty.err().contains("no SSH key registered for lab"), empty.toString());
  }

  @Test
  void anOperatorEnrolsALabSystemsKeyOnTheDataDirectory() throws Exception {
    Person op = person("op", true);
    Person lab = person("lab-roche");
    Path pub = files(op).resolve("lis.pub");
    Files.writeString(pub, ED25519 + "\n", StandardCharsets.UTF_8);

    Run added = op.ok(local("add", "lab-roche", pub.toString(), "--comment", "LIS Nord"));
    assertTrue(added.out().strip().endsWith("  " + ED25519_FINGERPRINT), added.toString());
    String id = added.out().strip().split("  ", -1)[0];
    Run listed = op.ok(local("list", "lab-roche"));
    assertTrue(listed.out().startsWith(id + "  ssh-ed25519  " + ED25519_FINGERPRINT), listed.out());
    assertTrue(listed.out().strip().endsWith("  LIS Nord"), listed.out());

    // The lab system sees its key through the API without having done anything.
    login(lab);
    assertTrue(lab.ok("key", "ssh", "list").out().contains(ED25519_FINGERPRINT));

    Run again = op.run(local("add", "lab-roche", pub.toString()));
    assertEquals(1, again.code(), again.toString());
    assertTrue(again.err().contains("already registered"), again.toString());
    Run nobody = op.run(local("add", "nobody", pub.toString()));
    assertEquals(1, nobody.code(), nobody.toString());
    assertTrue(nobody.err().contains("No account named nobody"), nobody.toString());

    op.ok(local("remove", "lab-roche", ED25519_FINGERPRINT));
    assertEquals("", op.ok(local("list", "lab-roche")).out());
    assertEquals("", lab.ok("key", "ssh", "list").out());
  }
}
