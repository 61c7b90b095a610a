package io.valise.age.cctv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.Age;
import io.valise.age.AgeException;
import io.valise.age.ArmorException;
import io.valise.age.FileKey;
import io.valise.age.Header;
import io.valise.age.HeaderException;
import io.valise.age.HeaderMacException;
import io.valise.age.Identity;
import io.valise.age.NoIdentityMatchException;
import io.valise.age.PayloadException;
import io.valise.age.armor.Armor;
import io.valise.age.keys.AgeKeys;
import io.valise.age.scrypt.ScryptIdentity;
import io.valise.age.secret.Passphrase;
import io.valise.age.stream.Progress;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every vector of the age test kit (Community Cryptography Test Vectors, {@code
 * ../shared/testdata/cctv-age}) as its own test. Fails, never skips, when the directory is missing.
 */
class CctvVectorsTest {

  static Path vectorDir() {
    String shared = System.getProperty("valise.shared", "../../shared");
    Path dir = Path.of(shared, "testdata", "cctv-age");
    assertTrue(Files.isDirectory(dir), "age test vectors not found at " + dir.toAbsolutePath());
    return dir;
  }

  @TestFactory
  Stream<DynamicTest> everyVector() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(vectorDir())) {
      files = s.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
    }
    assertEquals(143, files.size(), "expected the 143 vectors of the age test kit");
    return files.stream()
        .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> run(p)));
  }

  private static void run(Path path) throws Exception {
    Vector v = Vector.read(path);
    assertEquals(v.expect(), outcome(v), v.name() + " outcome, streaming decryption");
    assertEquals(v.expect(), parallelOutcome(v), v.name() + " outcome, parallel decryption");
    if (v.expect().equals("success")) {
      checkRoundTrips(v);
    }
  }

  /** Decrypts the whole file and names the outcome in the test kit's words. */
  private static String outcome(Vector v) throws Exception {
    try (InputStream plain = Age.decryptingStream(open(v), identities(v))) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[8192];
      int n;
      while ((n = plain.read(buf)) >= 0) {
        sha.update(buf, 0, n);
      }
      String got = HexFormat.of().formatHex(sha.digest());
      assertEquals(v.payloadSha256().orElseThrow(), got, v.name() + " plaintext hash");
      return "success";
    } catch (AgeException e) {
      return name(e);
    }
  }

  /** The same through the parallel whole-file path, which must agree with the streaming one. */
  private static String parallelOutcome(Vector v) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Age.decrypt(open(v), out, identities(v), Progress.NONE);
      String got =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
      assertEquals(v.payloadSha256().orElseThrow(), got, v.name() + " plaintext hash");
      return "success";
    } catch (AgeException e) {
      return name(e);
    }
  }

  private static String name(AgeException e) {
    return switch (e) {
      case HeaderException h -> "header failure";
      case NoIdentityMatchException m -> "no match";
      case HeaderMacException m -> "HMAC failure";
      case PayloadException p -> "payload failure";
      case ArmorException a -> "armor failure";
      default -> "unexpected " + e;
    };
  }

  private static InputStream open(Vector v) {
    InputStream in = new ByteArrayInputStream(v.file());
    return v.armored() ? Armor.decoder(in) : in;
  }

  static List<Identity> identities(Vector v) {
    List<Identity> ids = new ArrayList<>();
    for (String s : v.identities()) {
      ids.add(AgeKeys.parseIdentity(s));
    }
    for (String p : v.passphrases()) {
      ids.add(new ScryptIdentity(Passphrase.of(p.toCharArray())));
    }
    return ids;
  }

  /** Header encoding and armor are canonical: parsing then encoding gives the same bytes. */
  private static void checkRoundTrips(Vector v) throws Exception {
    byte[] binary =
        v.armored() ? Armor.decoder(new ByteArrayInputStream(v.file())).readAllBytes() : v.file();
    BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(binary));
    Header header = Header.parse(in);
    byte[] encoded = header.encode();
    assertArrayEquals(
        java.util.Arrays.copyOf(binary, encoded.length), encoded, v.name() + " header round trip");
    if (v.fileKey().isPresent()) {
      try (FileKey key = header.unwrap(identities(v))) {
        assertEquals(FileKey.of(v.fileKey().get()), key, v.name() + " file key");
      }
    }
    ByteArrayOutputStream armored = new ByteArrayOutputStream();
    try (OutputStream a = Armor.encoder(armored)) {
      a.write(binary);
    }
    byte[] back = Armor.decoder(new ByteArrayInputStream(armored.toByteArray())).readAllBytes();
    assertArrayEquals(binary, back, v.name() + " armor round trip");
  }
}
