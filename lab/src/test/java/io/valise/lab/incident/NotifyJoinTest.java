package io.valise.lab.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.lab.manifest.HashKey;
import io.valise.lab.manifest.PersonHashes;
import io.valise.lab.record.CsvReader;
import io.valise.lab.record.LabCsvReader;
import io.valise.lab.record.LabCsvWriter;
import io.valise.lab.record.LabRecord;
import io.valise.lab.synth.Synth;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotifyJoinTest {
  /** The key of bytes 0..31, read from a key file as the commands do. */
  private static HashKey key() throws java.io.IOException {
    byte[] k = new byte[32];
    for (int i = 0; i < 32; i++) {
      k[i] = (byte) i;
    }
    java.nio.file.Path file = java.nio.file.Files.createTempFile("hash", ".key");
    try {
      java.nio.file.Files.writeString(file, java.util.Base64.getEncoder().encodeToString(k));
      return HashKey.read(file);
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void hashesFollowTheManifestRules() throws Exception {
    // Expected values computed apart from this code (Python hmac, key bytes 0..31).
    HashKey k = key();
    assertEquals(
        "2dd25b7457f81e819633fe75c2c7f1f6c6d606c03330a242b182710620e6c549",
        k.hmacHex("262087503203977"));
    LabRecord r =
        new Synth(1)
            .next()
            .with(io.valise.lab.record.Column.NIR, "2 62 08 75 032 039 77")
            .with(io.valise.lab.record.Column.BIRTH_NAME, "Dupont")
            .with(io.valise.lab.record.Column.FIRST_NAMES, " Marie   Claire ")
            .with(io.valise.lab.record.Column.BIRTH_DATE, "1962-08-14");
    assertEquals(
        "2dd25b7457f81e819633fe75c2c7f1f6c6d606c03330a242b182710620e6c549",
        PersonHashes.of(r, k).nir());
    assertEquals(
        "c4b46eb37a70b6debe6f0d770ef12f9c3ffd586f54541080eb8ffdebf4435956",
        PersonHashes.of(r, k).name());
    assertEquals(
        "LAETITIA HELENE D'ORLEANS OEDIPE",
        PersonHashes.normaliseName("Lætitia  Hélène", "d'Orléans Œdipe"));
    assertEquals("HashKey[REDACTED]", k.toString());
  }

  @Test
  void joinsAffectedHashesWithTheLabsPatientFile() throws Exception {
    HashKey k = key();
    Synth synth = new Synth(42);
    List<LabRecord> people = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      people.add(synth.next());
    }
    people.add(people.get(3)); // a second test of person 3
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (LabCsvWriter w = LabCsvWriter.open(file)) {
      for (LabRecord p : people) {
        w.write(p);
      }
    }
    StringBuilder affected = new StringBuilder(AffectedCsv.HEADER + "\r\n");
    affected.append(line(people.get(3), k, "readable", "nir identity contact"));
    affected.append(line(people.get(7), k, "readable-in-transit", "identity"));
    affected.append(line(people.get(11), k, "ciphertext", "nir"));
    affected
        .append(",")
        .append(PersonHashes.of(people.get(15), k).name())
        .append(",readable,identity\r\n");
    affected
        .append(FakeManifests.h("nobody"))
        .append(',')
        .append(FakeManifests.h("n"))
        .append(",readable,nir\r\n");

    StringWriter out = new StringWriter();
    NotifyJoin.Result r;
    try (LabCsvReader in = LabCsvReader.open(new ByteArrayInputStream(file.toByteArray()))) {
      r =
          NotifyJoin.join(
              AffectedCsv.open(new StringReader(affected.toString())), in, k, false, out);
    }
    assertEquals(new NotifyJoin.Result(4, 1, 3, 1, 21), r);
    List<List<String>> rows = rows(out.toString());
    assertEquals(NotifyJoin.HEADER, rows.get(0));
    assertEquals(4, rows.size());
    assertEquals(
        List.of(
            "readable",
            "nir identity contact",
            people.get(3).birthName(),
            people.get(3).firstNames()),
        rows.get(1).subList(0, 4));
    assertEquals(people.get(3).email(), rows.get(1).get(9));
    assertEquals("readable-in-transit", rows.get(2).get(0));
    assertEquals(people.get(7).birthName(), rows.get(2).get(2));
    assertEquals(people.get(15).birthName(), rows.get(3).get(2));
    assertFalse(
        out.toString().contains(people.get(11).birthName() + "," + people.get(11).firstNames()));

    StringWriter all = new StringWriter();
    try (LabCsvReader in = LabCsvReader.open(new ByteArrayInputStream(file.toByteArray()))) {
      r =
          NotifyJoin.join(
              AffectedCsv.open(new StringReader(affected.toString())), in, k, true, all);
    }
    assertEquals(4, r.notified());
    assertTrue(all.toString().contains("ciphertext,nir," + people.get(11).birthName()));
  }

  private static String line(LabRecord p, HashKey k, String exposure, String categories) {
    return PersonHashes.of(p, k).nir()
        + ","
        + PersonHashes.of(p, k).name()
        + ","
        + exposure
        + ","
        + categories
        + "\r\n";
  }

  private static List<List<String>> rows(String csv) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    CsvReader r = new CsvReader(new StringReader(csv));
    for (List<String> row = r.next(); row != null; row = r.next()) {
      rows.add(row);
    }
    return rows;
  }
}
