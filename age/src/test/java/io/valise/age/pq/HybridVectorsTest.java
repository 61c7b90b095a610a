package io.valise.age.pq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.valise.age.FileKey;
import io.valise.age.HeaderException;
import io.valise.age.Stanza;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The post-quantum vectors of C2SP CCTV ({@code testdata/cctv-age/hybrid*}, see its PROVENANCE.md),
 * run against {@link MlKem768X25519Identity} alone. Each vector's outcome for this identity is
 * classified below from its {@code expect} and {@code comment} lines; {@code armor_hybrid} is left
 * to the armor tests.
 */
class HybridVectorsTest {
  /** What this identity (not the whole decryption) must do with a vector. */
  private enum Outcome {
    /** Unwraps exactly the vector's file key. */
    FILE_KEY,
    /** Finds no stanza for itself. */
    NO_MATCH,
    /** Rejects a malformed mlkem768x25519 stanza with a HeaderException. */
    HEADER_FAILURE,
    /** The generic stanza parser rejects the header before any identity runs. */
    STANZA_SYNTAX,
  }

  private record Case(Outcome outcome, String why) {}

  private static final Map<String, Case> CASES =
      Map.ofEntries(
          Map.entry("hybrid", ok("a plain hybrid stanza")),
          Map.entry("hybrid_and_x25519", ok("mixing is only discouraged for encryptors")),
          Map.entry("hybrid_grease", ok("unknown grease stanzas are ignored")),
          Map.entry("hybrid_multiple_recipients", ok("one of several hybrid stanzas is ours")),
          Map.entry("hybrid_bad_tag", noMatch("bad AEAD tag: not for us")),
          Map.entry("hybrid_currupted_enc_mlkem", noMatch("ML-KEM implicit rejection")),
          Map.entry("hybrid_currupted_enc_x25519", noMatch("another X25519 share, wrong key")),
          Map.entry("hybrid_no_match", noMatch("stanza for another identity")),
          Map.entry("hybrid_uppercase", noMatch("type MLKEM768X25519 is another type")),
          Map.entry(
              "hybrid_x25519_arg",
              noMatch(
                  "the failure is the X25519 identity's (1120-byte share in an X25519 stanza);"
                      + " there is no mlkem768x25519 stanza")),
          Map.entry("hybrid_extra_argument", header("three arguments")),
          Map.entry("hybrid_long_file_key", header("body is 40 bytes, not 32")),
          Map.entry("hybrid_long_share", header("enc is 1121 bytes")),
          Map.entry("hybrid_short_share", header("enc is 1119 bytes")),
          Map.entry("hybrid_not_canonical_enc", header("enc is not canonical base64")),
          Map.entry("hybrid_identity", header("X25519 share is the identity point")),
          Map.entry("hybrid_low_order", header("X25519 share is a low-order point")),
          Map.entry(
              "hybrid_not_canonical_body",
              new Case(Outcome.STANZA_SYNTAX, "body lines are the stanza parser's to check")));

  private static Case ok(String why) {
    return new Case(Outcome.FILE_KEY, why);
  }

  private static Case noMatch(String why) {
    return new Case(Outcome.NO_MATCH, why);
  }

  private static Case header(String why) {
    return new Case(Outcome.HEADER_FAILURE, why);
  }

  static Path vectorDirectory() {
    String shared = System.getProperty("valise.shared");
    if (shared == null) {
      return fail("System property valise.shared is not set (surefire sets it)");
    }
    Path dir = Path.of(shared, "testdata", "cctv-age");
    assertTrue(Files.isDirectory(dir), "Vector directory missing: " + dir);
    return dir;
  }

  private static List<Path> hybridFiles() throws IOException {
    try (Stream<Path> files = Files.list(vectorDirectory())) {
      return files.filter(p -> p.getFileName().toString().startsWith("hybrid")).sorted().toList();
    }
  }

  @Test
  void everyHybridVectorIsClassified() throws IOException {
    TreeSet<String> names = new TreeSet<>();
    hybridFiles().forEach(p -> names.add(p.getFileName().toString()));
    assertEquals(new TreeSet<>(CASES.keySet()), names);
  }

  @TestFactory
  Stream<DynamicTest> vectors() throws IOException {
    return hybridFiles().stream()
        .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> run(p)));
  }

  private static void run(Path file) throws Exception {
    CctvVector v = CctvVector.read(file);
    Case c = CASES.get(v.name());
    if (c == null) {
      fail("Unclassified vector " + v.name());
      return;
    }
    checkExpectation(v, c);
    List<String> keys =
        v.values("identity").stream().filter(s -> s.startsWith("AGE-SECRET-KEY-PQ-")).toList();
    assertEquals(1, keys.size(), "one hybrid identity");
    try (MlKem768X25519Identity identity = MlKem768X25519Identity.parse(keys.get(0))) {
      assertEquals(keys.get(0), identity.encode(), "identity round-trips");
      if (c.outcome() == Outcome.STANZA_SYNTAX) {
        assertThrows(IllegalArgumentException.class, v::stanzas, c.why());
        return;
      }
      List<Stanza> stanzas = v.stanzas();
      switch (c.outcome()) {
        case FILE_KEY -> {
          Optional<FileKey> key = identity.unwrap(stanzas);
          assertTrue(key.isPresent(), c.why());
          assertArrayEquals(HexFormat.of().parseHex(v.field("file key")), key.get().copyBytes());
        }
        case NO_MATCH -> assertEquals(Optional.empty(), identity.unwrap(stanzas), c.why());
        case HEADER_FAILURE ->
            assertThrows(HeaderException.class, () -> identity.unwrap(stanzas), c.why());
        case STANZA_SYNTAX -> throw new AssertionError("handled above");
      }
    }
  }

  /** Keeps the table honest: our outcome must be consistent with the vector's own expectation. */
  private static void checkExpectation(CctvVector v, Case c) {
    String expect = v.field("expect");
    switch (c.outcome()) {
      case FILE_KEY ->
          assertTrue(
              List.of("success", "HMAC failure", "payload failure").contains(expect), expect);
      case NO_MATCH ->
          assertTrue(
              expect.equals("no match")
                  || (expect.equals("header failure") && v.name().equals("hybrid_x25519_arg")),
              expect);
      case HEADER_FAILURE, STANZA_SYNTAX -> assertEquals("header failure", expect);
    }
    assertFalse(c.why().isEmpty());
  }
}
