package io.valise.lab.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.lab.geo.Geography;
import io.valise.lab.ident.Nir;
import io.valise.lab.input.RecordSource;
import io.valise.lab.manifest.HashKey;
import io.valise.lab.manifest.Manifest;
import io.valise.lab.manifest.ManifestReader;
import io.valise.lab.manifest.ManifestWriter;
import io.valise.lab.manifest.PersonHashes;
import io.valise.lab.record.Column;
import io.valise.lab.record.CsvReader;
import io.valise.lab.record.CsvWriter;
import io.valise.lab.record.LabRecord;
import io.valise.lab.record.RecordValidator;
import io.valise.lab.record.Rules;
import io.valise.lab.synth.Synth;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TransmissionTest {
  private static final Geography GEO = Geography.france();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2021-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static RecordSource source(List<LabRecord> records) {
    Iterator<LabRecord> it = records.iterator();
    return new RecordSource() {
      @Override
      public @Nullable LabRecord next() {
        return it.hasNext() ? it.next() : null;
      }

      @Override
      public void close() {}
    };
  }

  private static List<List<String>> csv(byte[] bytes) throws IOException {
    return CsvReader.readAll(new String(bytes, StandardCharsets.UTF_8));
  }

  @Test
  void eachGroupGetsItsRecordsWithExactlyItsFieldsAndTheManifestCountsThem() throws Exception {
    Synth synth = new Synth(7);
    List<LabRecord> records = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      records.add(atRow(synth.next(), i + 2L));
    }
    records.set(10, records.get(10).with(Column.NIR, "123"));
    records.set(20, records.get(20).with(Column.POSTCODE, "99999").with(Column.RESULT, "maybe"));
    Profile daily = Profiles.defaults(GEO).get("covid-daily").orElseThrow();
    Map<String, ByteArrayOutputStream> files = new LinkedHashMap<>();
    ByteArrayOutputStream manifestBytes = new ByteArrayOutputStream();
    StringWriter rejectText = new StringWriter();
    Transmission.Result result;
    try (HashKey key = HashKey.generate(new SecureRandom())) {
      Transmission t =
          new Transmission(daily, new RecordValidator(CLOCK, Rules.sarsCov2(), GEO), GEO, key);
      ManifestWriter manifest = new ManifestWriter(manifestBytes);
      manifest.start("covid-daily", CLOCK.instant(), "in.csv");
      result =
          t.run(
              source(records),
              (group, output) -> {
                assertFalse(files.containsKey(group), "opened twice: " + group);
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                files.put(group, b);
                return b;
              },
              manifest,
              new CsvWriter(rejectText));
      for (Transmission.GroupCount g : result.groups()) {
        manifest.envelope(
            new Manifest.Envelope(
                g.group(),
                g.output().name(),
                "id-" + g.group(),
                g.records(),
                g.output().categories().stream().map(Category::label).toList(),
                CLOCK.instant()));
      }
      manifest.end(result.read(), result.rejected());
      String manifestText = manifestBytes.toString(StandardCharsets.UTF_8);

      // The person hashes of the manifest are those of the records sent.
      Map<String, Integer> hashed = new HashMap<>();
      Manifest m =
          ManifestReader.read(
              new BufferedReader(new StringReader(manifestText)),
              p -> hashed.merge(p.group(), 1, Integer::sum));
      assertEquals(600, m.records());
      assertEquals(2, m.rejected());
      assertEquals(result.groups().size(), m.envelopes().size());
      for (Manifest.Envelope e : m.envelopes()) {
        assertEquals(e.records(), (long) hashed.getOrDefault(e.group(), -1), e.group());
      }
      assertEquals(PersonHashes.of(records.get(0), key), firstPerson(manifestText));
    }

    assertEquals(600, result.read());
    assertEquals(2, result.rejected());
    assertFalse(result.allValid());
    List<List<String>> rejects = csv(rejectText.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("row", "field", "reason"), rejects.getFirst());
    assertTrue(rejects.stream().anyMatch(r -> r.get(0).equals("12") && r.get(1).equals("nir")));
    assertTrue(rejects.stream().anyMatch(r -> r.get(0).equals("22") && r.get(1).equals("result")));
    assertTrue(
        rejects.stream().anyMatch(r -> r.get(0).equals("22") && r.get(1).equals("postcode")));

    List<LabRecord> valid = new ArrayList<>(records);
    valid.remove(20);
    valid.remove(10);
    Output ars = daily.outputs().get(0);
    Output cpam = daily.outputs().get(1);
    Output stats = daily.outputs().get(2);
    List<List<String>> cpamRows = csv(bytes(files, "cpam"));
    assertEquals(cpam.headers(), cpamRows.getFirst());
    assertEquals(598, cpamRows.size() - 1);
    assertEquals(valid.get(0).nir(), cpamRows.get(1).get(0));
    List<List<String>> statsRows = csv(bytes(files, "sante-publique-stats"));
    assertEquals(stats.headers(), statsRows.getFirst());
    assertEquals(598, statsRows.size() - 1);
    for (List<String> row : statsRows.subList(1, statsRows.size())) {
      assertTrue(row.get(0).matches("[0-9a-f]{64}"), "nir_hash");
      assertTrue(row.get(1).matches("[0-9]+-[0-9]+|100\\+"), row.get(1));
      assertTrue(row.get(4).matches("2020-W[0-9]{2}"), row.get(4));
    }
    // Every ARS file holds exactly the positives of its region, with the ARS fields.
    long arsTotal = 0;
    for (var e : files.entrySet()) {
      if (!e.getKey().startsWith("ars-")) {
        continue;
      }
      List<List<String>> rows = csv(e.getValue().toByteArray());
      assertEquals(ars.headers(), rows.getFirst());
      List<String> expected =
          valid.stream()
              .filter(r -> r.result().equals("positive"))
              .filter(
                  r ->
                      GEO.department(r.department())
                          .orElseThrow()
                          .region()
                          .arsCode()
                          .equals(e.getKey()))
              .map(LabRecord::nir)
              .toList();
      assertEquals(expected, rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList());
      arsTotal += expected.size();
    }
    long positives = valid.stream().filter(r -> r.result().equals("positive")).count();
    assertTrue(positives > 20, "the synthetic file has positives");
    assertEquals(positives, arsTotal);
    assertEquals(
        List.copyOf(files.keySet()),
        result.groups().stream().map(Transmission.GroupCount::group).toList());
    assertTrue(files.keySet().stream().filter(g -> g.startsWith("ars-")).count() > 5);
  }

  @Test
  void nirHashIsTheSameForEverySpellingOfOneNirAndIsNotTheManifestHash() throws Exception {
    LabRecord base = atRow(new Synth(3).next(), 2);
    String nir = Nir.parse(base.nir()).orThrow().value();
    // The same person born in Corsica (2A), written as stored and as typed on a card.
    String corsican = Nir.withKey(nir.substring(0, 5) + "2A" + nir.substring(7, 13)).value();
    String typed =
        (corsican.substring(0, 5)
                + " 2a "
                + corsican.substring(7, 10)
                + "."
                + corsican.substring(10))
            .toLowerCase(java.util.Locale.ROOT);
    List<LabRecord> records =
        List.of(
            base.with(Column.NIR, corsican),
            atRow(base, 3).with(Column.NIR, typed),
            atRow(base, 4)
                .with(Column.NIR, " " + corsican.substring(0, 7) + "-" + corsican.substring(7)));
    Profile daily = Profiles.defaults(GEO).get("covid-daily").orElseThrow();
    Map<String, ByteArrayOutputStream> files = new LinkedHashMap<>();
    ByteArrayOutputStream manifest = new ByteArrayOutputStream();
    try (HashKey key = HashKey.generate(new SecureRandom());
        HashKey statsKey = key.statsKey()) {
      Transmission.Result result =
          new Transmission(daily, new RecordValidator(CLOCK, Rules.sarsCov2(), GEO), GEO, key)
              .run(
                  source(records),
                  (group, output) -> {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    files.put(group, b);
                    return b;
                  },
                  new ManifestWriter(manifest),
                  new CsvWriter(new StringWriter()));
      assertEquals(0, result.rejected(), "every spelling is a valid NIR");
      List<List<String>> stats = csv(bytes(files, "sante-publique-stats"));
      List<String> hashes = stats.subList(1, stats.size()).stream().map(r -> r.get(0)).toList();
      assertEquals(List.of(hashes.get(0), hashes.get(0), hashes.get(0)), hashes);
      assertEquals(statsKey.hmacHex(corsican), hashes.get(0));
      String manifestNir = PersonHashes.of(records.get(1), key).nir();
      assertEquals(key.hmacHex(corsican), manifestNir);
      assertNotEquals(manifestNir, hashes.get(0));
    }
  }

  @Test
  void theBytesAreTheSameWhateverTheThreadsAndBatches() throws Exception {
    Synth synth = new Synth(11);
    List<LabRecord> records = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      LabRecord r = atRow(synth.next(), i + 2L);
      if (i % 97 == 5) {
        r = r.with(Column.SAMPLED_AT, "yesterday");
      }
      records.add(r);
    }
    Profile daily = Profiles.defaults(GEO).get("covid-daily").orElseThrow();
    List<String> reference = null;
    try (HashKey key = HashKey.generate(new SecureRandom())) {
      for (int threads : new int[] {1, 2, 5}) {
        for (int batch : new int[] {1, 7, 1024}) {
          Transmission t =
              new Transmission(daily, new RecordValidator(CLOCK, Rules.sarsCov2(), GEO), GEO, key);
          Map<String, ByteArrayOutputStream> files = new LinkedHashMap<>();
          ByteArrayOutputStream manifest = new ByteArrayOutputStream();
          StringWriter rejects = new StringWriter();
          Transmission.Result result =
              t.run(
                  batches(records, batch),
                  (group, output) -> {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    files.put(group, b);
                    return b;
                  },
                  new ManifestWriter(manifest),
                  new CsvWriter(rejects),
                  threads);
          List<String> all = new ArrayList<>();
          all.add(result.toString());
          files.forEach((g, b) -> all.add(g + "\n" + b.toString(StandardCharsets.UTF_8)));
          all.add(manifest.toString(StandardCharsets.UTF_8));
          all.add(rejects.toString());
          if (reference == null) {
            reference = all;
            assertEquals(31, result.rejected());
          } else {
            assertEquals(reference, all, threads + " threads, batches of " + batch);
          }
        }
      }
    }
  }

  private static RecordSource batches(List<LabRecord> records, int size) {
    Iterator<LabRecord> it = records.iterator();
    return new RecordSource() {
      @Override
      public @Nullable LabRecord next() {
        return it.hasNext() ? it.next() : null;
      }

      @Override
      public io.valise.lab.input.@Nullable RecordBatch nextBatch() {
        List<LabRecord> b = new ArrayList<>();
        while (b.size() < size && it.hasNext()) {
          b.add(it.next());
        }
        return b.isEmpty() ? null : () -> b;
      }

      @Override
      public void close() {}
    };
  }

  /** {@code r} as the file's line {@code row} (the header is line 1). */
  static LabRecord atRow(LabRecord r, long row) {
    Map<Column, String> v = new EnumMap<>(Column.class);
    for (Column c : Column.values()) {
      v.put(c, r.get(c));
    }
    return LabRecord.of(row, v);
  }

  private static byte[] bytes(Map<String, ByteArrayOutputStream> files, String group) {
    ByteArrayOutputStream b = files.get(group);
    if (b == null) {
      throw new AssertionError("no file for " + group);
    }
    return b.toByteArray();
  }

  private static PersonHashes firstPerson(String manifest) throws IOException {
    List<PersonHashes> found = new ArrayList<>();
    ManifestReader.read(
        new BufferedReader(new StringReader(manifest)),
        p -> {
          if (found.isEmpty()) {
            found.add(p.hashes());
          }
        });
    return found.getFirst();
  }
}
