package io.valise.cli.interop;

import static io.valise.cli.interop.Interop.onTerminal;
import static io.valise.cli.interop.Interop.valise;
import static io.valise.cli.interop.Interop.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * valise against the reference age tool (Debian package age 1.1.1, X25519 and scrypt only): files
 * and keys made by each are used by the other.
 */
class AgeCliInteropTest {
  private static final String PASSPHRASE = "interop passphrase ünïcödé";

  @TempDir Path dir;

  @BeforeAll
  static void ageIsInstalled() {
    Interop.need(
        Interop.runs("age", "--version") && Interop.runs("age-keygen", "--version"),
        "the age CLI (Debian package age: age, age-keygen)");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 64 * 1024, 64 * 1024 + 1, (1 << 20) + 17})
  void valiseEncryptsAgeDecrypts(int size) throws IOException {
    byte[] plain = Interop.randomBytes(size);
    write(dir, "plain", plain);
    Proc.run(dir, new byte[0], List.of("age-keygen", "-o", "age.key")).ok();
    String recipient = ageRecipient("age.key");

    valise(dir, "encrypt", "-r", recipient, "-o", "file.age", "plain").ok();
    // To stdout: age 1.1.1 creates an -o file only once it has a byte to write.
    Proc age = Proc.run(dir, new byte[0], List.of("age", "-d", "-i", "age.key", "file.age")).ok();
    assertArrayEquals(plain, age.stdout());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 64 * 1024, 64 * 1024 + 1, (1 << 20) + 17})
  void ageEncryptsValiseDecrypts(int size) throws IOException {
    byte[] plain = Interop.randomBytes(size);
    write(dir, "plain", plain);
    valise(dir, "keygen", "-o", "valise.key").ok();
    String recipient = valise(dir, "keygen", "-y", "valise.key").ok().out().strip();

    Proc.run(dir, new byte[0], List.of("age", "-r", recipient, "-o", "file.age", "plain")).ok();
    valise(dir, "decrypt", "-i", "valise.key", "-o", "out", "file.age").ok();
    assertArrayEquals(plain, Files.readAllBytes(dir.resolve("out")));
  }

  @Test
  void armorBothWays() throws IOException {
    byte[] plain = Interop.randomBytes(100_000);
    write(dir, "plain", plain);
    Proc.run(dir, new byte[0], List.of("age-keygen", "-o", "age.key")).ok();
    valise(dir, "keygen", "-o", "valise.key").ok();

    valise(dir, "encrypt", "-a", "-r", ageRecipient("age.key"), "-o", "v.asc", "plain").ok();
    Proc toAge =
        Proc.run(
                dir,
                Files.readAllBytes(dir.resolve("v.asc")),
                List.of("age", "-d", "-i", "age.key"))
            .ok();
    assertArrayEquals(plain, toAge.stdout());

    String valiseRecipient = valise(dir, "keygen", "-y", "valise.key").ok().out().strip();
    Proc.run(dir, new byte[0], List.of("age", "-a", "-r", valiseRecipient, "-o", "a.asc", "plain"))
        .ok();
    assertTrue(Files.readString(dir.resolve("a.asc")).startsWith("-----BEGIN AGE ENCRYPTED FILE"));
    assertArrayEquals(plain, valise(dir, "decrypt", "-i", "valise.key", "a.asc").ok().stdout());
  }

  @Test
  void keysAreInterchangeable() throws IOException {
    Proc.run(dir, new byte[0], List.of("age-keygen", "-o", "age.key")).ok();
    valise(dir, "keygen", "-o", "valise.key").ok();
    for (String key : List.of("age.key", "valise.key")) {
      String byAge =
          Proc.run(dir, new byte[0], List.of("age-keygen", "-y", key)).ok().out().strip();
      String byValise = valise(dir, "keygen", "-y", key).ok().out().strip();
      assertEquals(byAge, byValise, key);
    }
    List<String> lines = Files.readAllLines(dir.resolve("valise.key"));
    assertTrue(lines.get(0).matches("# created: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
  }

  @Test
  void oneFileForRecipientsOfBothTools() throws IOException {
    write(dir, "plain", "shared".getBytes(StandardCharsets.UTF_8));
    Proc.run(dir, new byte[0], List.of("age-keygen", "-o", "age.key")).ok();
    valise(dir, "keygen", "-o", "valise.key").ok();
    Files.writeString(
        dir.resolve("team.pub"),
        ageRecipient("age.key") + "\n" + valise(dir, "keygen", "-y", "valise.key").ok().out());
    valise(dir, "encrypt", "-R", "team.pub", "-o", "f.age", "plain").ok();
    assertEquals(
        "shared",
        Proc.run(dir, new byte[0], List.of("age", "-d", "-i", "age.key", "f.age")).ok().out());
    assertEquals("shared", valise(dir, "decrypt", "-i", "valise.key", "f.age").ok().out());
  }

  @Test
  void passphraseBothWays() throws IOException {
    Interop.need(Interop.hasScript(), "util-linux script (a pseudo-terminal for age -p)");
    byte[] plain = Interop.randomBytes(70_000);
    write(dir, "plain", plain);
    write(dir, "pass", (PASSPHRASE + "\n").getBytes(StandardCharsets.UTF_8));

    valise(dir, "encrypt", "--passphrase-file", "pass", "-o", "v.age", "plain").ok();
    onTerminal(dir, PASSPHRASE + "\n", List.of("age", "-d", "-o", "v.out", "v.age")).ok();
    assertArrayEquals(plain, Files.readAllBytes(dir.resolve("v.out")));

    onTerminal(
            dir,
            PASSPHRASE + "\n" + PASSPHRASE + "\n",
            List.of("age", "-p", "-o", "a.age", "plain"))
        .ok();
    valise(dir, "decrypt", "--passphrase-file", "pass", "-o", "a.out", "a.age").ok();
    assertArrayEquals(plain, Files.readAllBytes(dir.resolve("a.out")));
  }

  @Test
  void valiseAsksOnARealTerminal() throws IOException {
    Interop.need(Interop.hasScript(), "util-linux script (a pseudo-terminal)");
    write(dir, "plain", "typed on a terminal".getBytes(StandardCharsets.UTF_8));
    Proc enc =
        onTerminal(
                dir,
                PASSPHRASE + "\n" + PASSPHRASE + "\n",
                Interop.valise("encrypt", "-p", "-o", "v.age", "plain"))
            .ok();
    assertTrue(enc.out().contains("Confirm passphrase:"), enc.out());
    assertTrue(!enc.out().contains("error"), enc.out());
    onTerminal(dir, PASSPHRASE + "\n", List.of("age", "-d", "-o", "v.out", "v.age")).ok();
    assertEquals("typed on a terminal", Files.readString(dir.resolve("v.out")));

    Proc dec =
        onTerminal(dir, PASSPHRASE + "\n", Interop.valise("decrypt", "-o", "v.out2", "v.age")).ok();
    assertTrue(dec.out().contains("Enter passphrase:"), dec.out());
    assertEquals("typed on a terminal", Files.readString(dir.resolve("v.out2")));
  }

  @Test
  void refusesBinaryOnARealTerminalLikeAge() throws IOException {
    Interop.need(Interop.hasScript(), "util-linux script (a pseudo-terminal)");
    Proc.run(dir, new byte[0], List.of("age-keygen", "-o", "age.key")).ok();
    write(dir, "plain", new byte[] {1, 2, 3});
    Proc p = onTerminal(dir, "", Interop.valise("encrypt", "-r", ageRecipient("age.key"), "plain"));
    assertTrue(p.out().contains("valise: error: refusing to write binary"), p.out());
  }

  private String ageRecipient(String keyFile) throws IOException {
    return Proc.run(dir, new byte[0], List.of("age-keygen", "-y", keyFile)).ok().out().strip();
  }
}
