package io.valise.lab.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.lab.record.Column;
import io.valise.lab.record.LabRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  private static final Instant T = Instant.parse("2020-10-13T18:00:00Z");

  private static final PersonHashes A = new PersonHashes("a".repeat(64), "b".repeat(64));
  private static final PersonHashes B = new PersonHashes("c".repeat(64), "d".repeat(64));

  private static String write() throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (ManifestWriter w = new ManifestWriter(out)) {
      w.start("covid-daily", T, "résultats \"du\" jour.csv");
      w.person("ars-idf", A);
      w.person("cpam", A);
      w.person("cpam", B);
      w.envelope(
          new Manifest.Envelope(
              "ars-idf",
              "ars",
              "env1",
              1,
              List.of("identity", "nir", "contact"),
              T.plusSeconds(60)));
      w.envelope(new Manifest.Envelope("cpam", "cpam", null, 2, List.of("nir"), null));
      w.end(3, 1);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Manifest read(String text, List<Manifest.Person> people) throws IOException {
    return ManifestReader.read(new BufferedReader(new StringReader(text)), people::add);
  }

  @Test
  void roundTrip() throws Exception {
    String text = write();
    List<Manifest.Person> people = new ArrayList<>();
    Manifest m = read(text, people);
    assertEquals("covid-daily", m.profile());
    assertEquals(T, m.createdAt());
    assertEquals("résultats \"du\" jour.csv", m.input());
    assertEquals(3, m.records());
    assertEquals(1, m.rejected());
    assertEquals(
        List.of(
            new Manifest.Person("ars-idf", A),
            new Manifest.Person("cpam", A),
            new Manifest.Person("cpam", B)),
        people);
    assertEquals(
        new Manifest.Envelope(
            "ars-idf", "ars", "env1", 1, List.of("identity", "nir", "contact"), T.plusSeconds(60)),
        m.envelopes().get(0));
    assertNull(m.envelopes().get(1).id());
    assertEquals(7, text.lines().count());
    assertTrue(text.lines().allMatch(l -> l.startsWith("{\"type\":\"")), text);
  }

  @Test
  void truncatedOrInconsistentManifestsAreRefused() throws Exception {
    String text = write();
    List<String> lines = text.lines().toList();
    String noEnd = String.join("\n", lines.subList(0, 6)) + "\n";
    assertMessage(noEnd, "manifest line 6: no end line: the manifest is truncated");
    String missingPerson = text.replace(lines.get(3) + "\n", "");
    assertMessage(
        missingPerson,
        "manifest line 5: envelope for cpam says 2 records but the manifest lists 1");
    assertMessage(
        text.replace("\"type\":\"person\"", "\"type\":\"human\""),
        "manifest line 2: unknown line type human");
    assertMessage(text.replace("\"name\":", "\"nom\":"), "manifest line 2: unknown key nom");
    assertMessage(text.replace("\"version\":1", "\"version\":2"), "manifest line 1: version 2");
    assertMessage(text + "{}\n", "manifest line 8: text after the end line");
    assertMessage(
        lines.get(1) + "\n", "manifest line 1: the first line must be the transmission line");
    assertMessage(
        text.replace("a".repeat(64), "A".repeat(64)),
        "manifest line 2: nir must be 64 lower-case hex digits");
    assertMessage(text.replace("}", "} x"), "manifest line 1: text after the object");
    assertMessage(
        text.replace(lines.get(4) + "\n", ""),
        "manifest line 6: people listed for ars-idf but no envelope");
  }

  @Test
  void theFastPathsHashAsTheReferenceDoes() throws Exception {
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    try (HashKey key = HashKey.generate(new java.security.SecureRandom())) {
      HashKey.Hmac hmac = key.hmac();
      for (int len = 0; len < 200; len++) {
        byte[] msg = new byte[len];
        random.nextBytes(msg);
        byte[] out = new byte[40];
        hmac.mac(msg, 0, len, out, 8);
        String mine = java.util.HexFormat.of().formatHex(out, 8, 40);
        assertEquals(key.hmacHex(new String(msg, StandardCharsets.ISO_8859_1)).length(), 64);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secretOf(key), "HmacSHA256"));
        assertEquals(java.util.HexFormat.of().formatHex(mac.doFinal(msg)), mine, "length " + len);
      }
      PersonHasher hasher = new PersonHasher(key);
      io.valise.lab.synth.Synth synth = new io.valise.lab.synth.Synth(5);
      String[][] names = {
        {"  d'Orléans ", "Lætitia  Hélène"},
        {" DUPONT", " marie  claire "},
        {"", "x"},
        {"a\tb", "c"},
        {"O'NEIL-SMITH", "Jean Paul"},
        {" ", " "},
        {"Œuf", "Ève"}
      };
      for (int i = 0; i < 2000; i++) {
        io.valise.lab.record.LabRecord r = synth.next();
        if (i < names.length) {
          r =
              r.with(io.valise.lab.record.Column.BIRTH_NAME, names[i][0])
                  .with(io.valise.lab.record.Column.FIRST_NAMES, names[i][1])
                  .with(
                      io.valise.lab.record.Column.NIR,
                      " " + r.nir().substring(0, 5) + " " + r.nir().substring(5));
        }
        byte[] out = new byte[64];
        hasher.hash(r, out, 0);
        PersonHashes expected = PersonHashes.of(r, key);
        assertEquals(expected.nir(), java.util.HexFormat.of().formatHex(out, 0, 32), "nir " + i);
        assertEquals(expected.name(), java.util.HexFormat.of().formatHex(out, 32, 64), "name " + i);
        PersonLines lines = new PersonLines(16);
        lines.add("ars-idf", out, 0);
        java.io.ByteArrayOutputStream a = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        new ManifestWriter(a).people(lines);
        new ManifestWriter(b).person("ars-idf", expected);
        assertEquals(b.toString(StandardCharsets.UTF_8), a.toString(StandardCharsets.UTF_8));
      }
    }
  }

  /** The key's bytes, through its file form (the test's only way to them). */
  private static byte[] secretOf(HashKey key) {
    byte[] file = key.fileContent();
    return java.util.Base64.getDecoder()
        .decode(new String(file, StandardCharsets.US_ASCII).strip());
  }

  @Test
  void personLinesWrittenOtherwiseReadTheSame() throws Exception {
    String text = write();
    List<Manifest.Person> compact = new ArrayList<>();
    read(text, compact);
    String spaced =
        text.replace("{\"type\":\"person\",", "{ \"type\": \"person\", ")
            .replace("\"group\":\"cpam\"", "\"group\":\"c\\u0070am\"");
    List<Manifest.Person> other = new ArrayList<>();
    read(spaced, other);
    assertEquals(compact, other);
    assertEquals(3, other.size());
  }

  private static void assertMessage(String text, String message) {
    ManifestException e =
        assertThrows(ManifestException.class, () -> read(text, new ArrayList<>()));
    assertTrue(String.valueOf(e.getMessage()).startsWith(message), e.getMessage());
  }

  @Test
  void namesAreNormalisedBeforeHashing() {
    assertEquals("DUPONT MARIE CLAIRE", PersonHashes.normaliseName(" Dupont ", "Marie   Claire"));
    assertEquals(
        "LAETITIA HELENE D'ORLEANS", PersonHashes.normaliseName("Lætitia", "Hélène  d'Orléans"));
    assertEquals("COEUR ÉLODIE".replace("É", "E"), PersonHashes.normaliseName("cœur", "élodie"));
    LabRecord r =
        LabRecord.of(
            2,
            Map.of(
                Column.NIR, "2 62 08 75 032 039 77",
                Column.BIRTH_NAME, "Dupont",
                Column.FIRST_NAMES, "Marie Claire",
                Column.BIRTH_DATE, "1962-08-14"));
    LabRecord same =
        r.with(Column.NIR, "262087503203977")
            .with(Column.BIRTH_NAME, "DUPONT")
            .with(Column.FIRST_NAMES, " marie  claire");
    try (HashKey key = HashKey.generate(new SecureRandom());
        HashKey other = HashKey.generate(new SecureRandom())) {
      PersonHashes h = PersonHashes.of(r, key);
      assertEquals(h, PersonHashes.of(same, key));
      assertEquals(key.hmacHex("262087503203977"), h.nir());
      assertEquals(key.hmacHex("DUPONT MARIE CLAIRE|1962-08-14"), h.name());
      assertNotEquals(h, PersonHashes.of(r.with(Column.BIRTH_DATE, "1962-08-15"), key));
      assertNotEquals(h, PersonHashes.of(r, other));
      assertEquals("PersonHashes[redacted]", h.toString());
    }
  }

  @Test
  void hashKeyFilesAndKnownAnswer(@TempDir Path dir) throws Exception {
    // HMAC-SHA256 of "Hi There" under 32 bytes of 0x0b (RFC 4231 test case 1 has 20 such bytes),
    // computed independently with Python's hmac module.
    Path file = dir.resolve("hash.key");
    Files.writeString(
        file, "CwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCws=\n", StandardCharsets.US_ASCII);
    try (HashKey key = HashKey.read(file)) {
      assertEquals("HashKey[REDACTED]", key.toString());
      assertEquals(
          "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7",
          key.hmacHex("Hi There"));
      byte[] content = key.fileContent();
      assertEquals(
          "CwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCws=\n",
          new String(content, StandardCharsets.US_ASCII));
      try (HashKey stats = key.statsKey()) {
        assertNotEquals(key.hmacHex("x"), stats.hmacHex("x"));
      }
    }
    Files.writeString(file, "c2hvcnQ=\n", StandardCharsets.US_ASCII);
    IOException e = assertThrows(IOException.class, () -> HashKey.read(file));
    assertEquals(file + ": not a hash key (base64 of 32 bytes on one line)", e.getMessage());
    Files.writeString(file, "not base64!\n", StandardCharsets.US_ASCII);
    assertThrows(IOException.class, () -> HashKey.read(file));
  }
}
