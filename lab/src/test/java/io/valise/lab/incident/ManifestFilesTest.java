package io.valise.lab.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.Age;
import io.valise.age.stream.Progress;
import io.valise.age.x25519.X25519Identity;
import io.valise.lab.manifest.Manifest;
import io.valise.lab.manifest.ManifestWriter;
import io.valise.lab.manifest.PersonHashes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests as the incident tooling reads them: saved in clear by valise get, or still sealed. */
class ManifestFilesTest {
  private static final Instant T = Instant.parse("2020-10-13T18:00:00Z");
  private static final PersonHashes A = new PersonHashes("a".repeat(64), "b".repeat(64));
  private static final PersonHashes B = new PersonHashes("c".repeat(64), "d".repeat(64));

  @TempDir Path dir;

  private static String manifest() throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (ManifestWriter w = new ManifestWriter(out)) {
      w.start("covid-daily", T, "results.csv");
      w.person("ars-idf", A);
      w.person("cpam", A);
      w.person("cpam", B);
      w.envelope(new Manifest.Envelope("ars-idf", "ars", "env1", 1, List.of("identity", "nir"), T));
      w.envelope(new Manifest.Envelope("cpam", "cpam", "env2", 2, List.of("nir"), T));
      w.end(2, 0);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<String> people(ManifestPeople m, String id) throws IOException {
    List<String> out = new ArrayList<>();
    m.people(id, (nir, name) -> out.add(nir.substring(0, 1) + name.substring(0, 1)));
    return out;
  }

  @Test
  void aClearManifestAndASealedOneGiveTheSamePeople() throws Exception {
    SecureRandom random = new SecureRandom();
    X25519Identity dpo = X25519Identity.generate(random);
    Path clear = Files.writeString(dir.resolve("clear.jsonl"), manifest());
    Path sealed = dir.resolve("sealed.age");
    try (OutputStream out = Files.newOutputStream(sealed)) {
      Age.encrypt(
          new ByteArrayInputStream(manifest().getBytes(StandardCharsets.UTF_8)),
          out,
          List.of(dpo.recipient()),
          random,
          Progress.NONE);
    }
    for (Path file : List.of(clear, sealed)) {
      ManifestFiles m = ManifestFiles.open(List.of(file), List.of(dpo));
      assertEquals(2, m.size());
      assertEquals(
          new ManifestPeople.Envelope("env1", "ars-idf", Set.of("identity", "nir"), 1),
          m.envelope("env1").orElseThrow());
      assertEquals(List.of("ab"), people(m, "env1"));
      assertEquals(List.of("ab", "cd"), people(m, "env2"));
      assertTrue(m.envelope("env3").isEmpty());
      List<String> both = new ArrayList<>();
      m.people(
          new java.util.LinkedHashSet<>(List.of("env2", "env1", "env3")),
          (id, nir, name) -> both.add(id + ":" + nir.charAt(0) + name.charAt(0)));
      assertEquals(
          List.of("env1:ab", "env2:ab", "env2:cd"),
          both,
          "one pass over the manifest, in its order; env3 is in no manifest");
    }
    IOException noKey =
        assertThrows(IOException.class, () -> ManifestFiles.open(List.of(sealed), List.of()));
    assertTrue(String.valueOf(noKey.getMessage()).contains("give the data protection officer's"));
    IOException twice =
        assertThrows(
            IOException.class, () -> ManifestFiles.open(List.of(clear, sealed), List.of(dpo)));
    assertTrue(String.valueOf(twice.getMessage()).contains("envelope env1 is also in"));
  }
}
