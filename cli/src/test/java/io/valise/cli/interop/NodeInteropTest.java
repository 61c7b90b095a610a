package io.valise.cli.interop;

import static io.valise.cli.interop.Interop.valise;
import static io.valise.cli.interop.Interop.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * valise against typage, the npm {@code age-encryption} package, driven by {@code
 * interop/node/age.mjs}: X25519, post-quantum hybrid ({@code mlkem768x25519}) and scrypt, both
 * ways.
 */
class NodeInteropTest {
  private static final Path SCRIPT = Interop.root().resolve("interop/node/age.mjs");
  private static final String PASSPHRASE = "typage interop";

  @TempDir Path dir;

  @BeforeAll
  static void nodeAndPackageAreInstalled() {
    Interop.need(Interop.runs("node", "--version"), "node (Debian package nodejs)");
    Interop.need(
        Files.isRegularFile(
            Interop.root().resolve("interop/node/node_modules/age-encryption/package.json")),
        "the npm package age-encryption (run: cd interop/node && npm ci)");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 64 * 1024 + 1, (1 << 20) + 17})
  void x25519BothWays(int size) throws IOException {
    byte[] plain = Interop.randomBytes(size);
    write(dir, "plain", plain);
    String nodeRecipient = nodeKey("node.key", false);
    valise(dir, "keygen", "-o", "valise.key").ok();
    String valiseRecipient = valise(dir, "keygen", "-y", "valise.key").ok().out().strip();

    byte[] toNode = valise(dir, "encrypt", "-r", nodeRecipient, "plain").ok().stdout();
    assertArrayEquals(plain, node(toNode, "decrypt", "-i", "node.key").stdout());

    write(dir, "n.age", node(plain, "encrypt", "-r", valiseRecipient).stdout());
    assertArrayEquals(plain, valise(dir, "decrypt", "-i", "valise.key", "n.age").ok().stdout());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 64 * 1024 + 1, (1 << 20) + 17})
  void postQuantumHybridBothWays(int size) throws IOException {
    byte[] plain = Interop.randomBytes(size);
    write(dir, "plain", plain);
    String nodeRecipient = nodeKey("node-pq.key", true);
    assertTrue(nodeRecipient.startsWith("age1pq1"), nodeRecipient);
    valise(dir, "keygen", "--pq", "-o", "valise-pq.key").ok();
    String valiseRecipient = valise(dir, "keygen", "-y", "valise-pq.key").ok().out().strip();
    assertTrue(valiseRecipient.startsWith("age1pq1"), valiseRecipient);

    byte[] toNode = valise(dir, "encrypt", "-r", nodeRecipient, "plain").ok().stdout();
    assertTrue(new String(toNode, StandardCharsets.ISO_8859_1).contains("-> mlkem768x25519 "));
    assertArrayEquals(plain, node(toNode, "decrypt", "-i", "node-pq.key").stdout());

    write(dir, "n.age", node(plain, "encrypt", "-r", valiseRecipient).stdout());
    assertArrayEquals(plain, valise(dir, "decrypt", "-i", "valise-pq.key", "n.age").ok().stdout());
  }

  @Test
  void keysAreInterchangeable() throws IOException {
    for (boolean pq : new boolean[] {false, true}) {
      String fromNode = nodeKey("n.key", pq);
      assertEquals(fromNode, valise(dir, "keygen", "-y", "n.key").ok().out().strip());
      Files.delete(dir.resolve("n.key"));
    }
    valise(dir, "keygen", "--pq", "-o", "v.key").ok();
    String secret = Files.readAllLines(dir.resolve("v.key")).get(2);
    String byNode = node(secret.getBytes(StandardCharsets.US_ASCII), "to-recipient").out().strip();
    assertEquals(valise(dir, "keygen", "-y", "v.key").ok().out().strip(), byNode);
  }

  @Test
  void armorBothWays() throws IOException {
    byte[] plain = Interop.randomBytes(50_000);
    write(dir, "plain", plain);
    String nodeRecipient = nodeKey("node.key", false);
    valise(dir, "keygen", "--pq", "-o", "v.key").ok();
    String valiseRecipient = valise(dir, "keygen", "-y", "v.key").ok().out().strip();

    byte[] armored = valise(dir, "encrypt", "-a", "-r", nodeRecipient, "plain").ok().stdout();
    assertArrayEquals(plain, node(armored, "decrypt", "-i", "node.key").stdout());
    write(dir, "n.asc", node(plain, "encrypt", "-a", "-r", valiseRecipient).stdout());
    assertArrayEquals(plain, valise(dir, "decrypt", "-i", "v.key", "n.asc").ok().stdout());
  }

  @Test
  void passphraseBothWays() throws IOException {
    byte[] plain = Interop.randomBytes(70_000);
    write(dir, "plain", plain);
    write(dir, "pass", PASSPHRASE.getBytes(StandardCharsets.UTF_8));

    byte[] toNode = valise(dir, "encrypt", "--passphrase-file", "pass", "plain").ok().stdout();
    assertArrayEquals(plain, node(toNode, "decrypt", "-p", PASSPHRASE).stdout());

    write(dir, "n.age", node(plain, "encrypt", "-p", PASSPHRASE).stdout());
    assertArrayEquals(
        plain, valise(dir, "decrypt", "--passphrase-file", "pass", "n.age").ok().stdout());
  }

  private String nodeKey(String file, boolean pq) throws IOException {
    String identity =
        (pq ? node(new byte[0], "keygen", "--pq") : node(new byte[0], "keygen")).out();
    write(dir, file, identity.getBytes(StandardCharsets.US_ASCII));
    return node(identity.getBytes(StandardCharsets.US_ASCII), "to-recipient").out().strip();
  }

  private Proc node(byte[] stdin, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("node", SCRIPT.toString()));
    cmd.addAll(List.of(args));
    return Proc.run(dir, stdin, cmd).ok();
  }
}
