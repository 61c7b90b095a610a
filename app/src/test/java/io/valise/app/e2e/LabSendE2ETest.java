package io.valise.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.lab.geo.Geography;
import io.valise.lab.manifest.HashKey;
import io.valise.lab.manifest.Manifest;
import io.valise.lab.manifest.ManifestReader;
import io.valise.lab.manifest.PersonHashes;
import io.valise.lab.profile.Output;
import io.valise.lab.profile.Profile;
import io.valise.lab.profile.Profiles;
import io.valise.lab.record.Column;
import io.valise.lab.record.CsvReader;
import io.valise.lab.record.LabCsvWriter;
import io.valise.lab.record.LabRecord;
import io.valise.lab.synth.Synth;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code valise lab send} against the real server: a synthetic file of people in three regions goes
 * to their ARS groups, the CPAM and the statistics group with exactly each profile's fields; the
 * DPO opens the manifest; invalid rows give the reject report and exit status 4; and no NIR or name
 * reaches the server's disk or database.
 */
class LabSendE2ETest extends E2eServer {
  private static final Geography GEO = Geography.france();
  private static final List<String> ARS = List.of("ars-idf", "ars-ara", "ars-paca");
  private static final int PEOPLE = 10_000;

  private final Map<String, Person> agents = new LinkedHashMap<>();

  /** {@code n} synthetic people living in the regions of {@link #ARS}. */
  private static List<LabRecord> people(int n) {
    Synth synth = new Synth(2021);
    List<LabRecord> out = new ArrayList<>();
    while (out.size() < n) {
      LabRecord r = synth.next();
      if (ARS.contains(ars(r))) {
        out.add(r);
      }
    }
    return out;
  }

  private static String ars(LabRecord r) {
    return GEO.department(r.department()).orElseThrow().region().arsCode();
  }

  private static Path write(Path file, List<LabRecord> records) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        LabCsvWriter w = LabCsvWriter.open(out)) {
      for (LabRecord r : records) {
        w.write(r);
      }
    }
    return file;
  }

  private static List<List<String>> csv(byte[] bytes) throws IOException {
    return CsvReader.readAll(new String(bytes, StandardCharsets.UTF_8));
  }

  /** The lab's account, its files directory, and the hash key the DPO gave it. */
  private record Lab(Person person, Path files, Path key) {
    Run send(Path input, String profile, String... more) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "lab",
                  "send",
                  input.toString(),
                  "--profile",
                  profile,
                  "--hash-key",
                  key.toString()));
      args.addAll(List.of(more));
      return person.run(args.toArray(String[]::new));
    }
  }

  /** Groups, their members with published keys, the lab's account and the DPO's hash key. */
  private Lab setUp() throws Exception {
    Person op = person("op", true);
    login(op);
    List<String> groups = new ArrayList<>(ARS);
    groups.addAll(List.of("cpam", "sante-publique-stats", "dpo"));
    for (String g : groups) {
      Person agent = ready("agent-" + g);
      agents.put(g, agent);
      op.ok("admin", "group", "add", g, "--remote");
      op.ok("admin", "group", "member", "add", g, agent.name, "--remote");
    }
    Person lab = ready("lab");
    Path files = files(lab);
    Path key = files.resolve("hash.key");
    agent("dpo").ok("lab", "hash-key", "-o", key.toString());
    return new Lab(lab, files, key);
  }

  private Person agent(String group) {
    Person p = agents.get(group);
    if (p == null) {
      throw new AssertionError("no agent for " + group);
    }
    return p;
  }

  /** The envelope id of each group, from the send's standard output. */
  private static Map<String, String> ids(Run send) {
    Map<String, String> ids = new HashMap<>();
    for (String line : send.out().lines().toList()) {
      String[] f = line.split("\t", -1);
      assertEquals(3, f.length, line);
      ids.put(f[1], f[0]);
    }
    return ids;
  }

  @Test
  void eachRecipientGetsItsRecordsWithItsFieldsAndTheDpoTheManifest() throws Exception {
    Lab lab = setUp();
    List<LabRecord> records = people(PEOPLE);
    Path input = write(lab.files().resolve("results.csv"), records);

    Run send = lab.send(input, "covid-daily");
    assertEquals(0, send.code(), send.toString());
    assertTrue(
        send.err()
            .contains(
                String.format(
                    Locale.ROOT,
                    "%,d records read, %,d sent to 5 groups, 0 rejected",
                    PEOPLE,
                    PEOPLE)),
        send.err());
    Map<String, String> ids = ids(send);
    assertEquals(
        Set.of("ars-idf", "ars-ara", "ars-paca", "cpam", "sante-publique-stats", "dpo"),
        ids.keySet());
    try (Stream<Path> left = Files.list(lab.person().home.resolve("tmp"))) {
      assertEquals(List.of(), left.toList(), "temporary files are deleted");
    }
    assertEquals(
        List.of(List.of("row", "field", "reason")),
        csv(Files.readAllBytes(Path.of(input + ".rejects.csv"))));

    Profile daily = Profiles.defaults(GEO).get("covid-daily").orElseThrow();
    Output ars = daily.outputs().get(0);
    Output cpam = daily.outputs().get(1);
    Output stats = daily.outputs().get(2);
    for (String g : ARS) {
      List<List<String>> rows = csv(agent(g).ok("get", ids.get(g), "-o", "-").bytes());
      assertEquals(ars.headers(), rows.getFirst(), g);
      List<String> expected =
          records.stream()
              .filter(r -> r.result().equals("positive") && ars(r).equals(g))
              .map(LabRecord::nir)
              .toList();
      assertTrue(!expected.isEmpty(), g);
      assertEquals(expected, rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList(), g);
      // Another region's agent cannot open it.
      String other = ARS.get((ARS.indexOf(g) + 1) % ARS.size());
      assertNotEquals(0, agent(other).run("get", ids.get(g), "-o", "-").code());
    }
    List<List<String>> cpamRows = csv(agent("cpam").ok("get", ids.get("cpam"), "-o", "-").bytes());
    assertEquals(cpam.headers(), cpamRows.getFirst());
    assertEquals(
        records.stream().map(LabRecord::nir).toList(),
        cpamRows.subList(1, cpamRows.size()).stream().map(r -> r.get(0)).toList());
    List<List<String>> statsRows =
        csv(
            agents
                .get("sante-publique-stats")
                .ok("get", ids.get("sante-publique-stats"), "-o", "-")
                .bytes());
    assertEquals(stats.headers(), statsRows.getFirst());
    assertEquals(PEOPLE + 1, statsRows.size());
    String statsText = statsRows.toString();
    assertTrue(
        records.stream()
            .noneMatch(r -> statsText.contains(r.nir()) || statsText.contains(r.birthName())),
        "no NIR and no name in the statistics");

    // The DPO opens the manifest: counts per envelope, and the keyed hashes of each person.
    byte[] manifestBytes = agent("dpo").ok("get", ids.get("dpo"), "-o", "-").bytes();
    Map<String, List<PersonHashes>> people = new HashMap<>();
    Manifest m =
        ManifestReader.read(
            new BufferedReader(new StringReader(new String(manifestBytes, StandardCharsets.UTF_8))),
            p -> people.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(p.hashes()));
    assertEquals("covid-daily", m.profile());
    assertEquals("results.csv", m.input());
    assertEquals(PEOPLE, m.records());
    assertEquals(0, m.rejected());
    assertEquals(5, m.envelopes().size());
    try (HashKey k = HashKey.read(lab.key())) {
      for (Manifest.Envelope e : m.envelopes()) {
        assertEquals(ids.get(e.group()), e.id(), e.group());
        long expected =
            e.group().startsWith("ars-")
                ? records.stream()
                    .filter(r -> r.result().equals("positive") && ars(r).equals(e.group()))
                    .count()
                : PEOPLE;
        assertEquals(expected, e.records(), e.group());
        assertEquals(expected, people.get(e.group()).size(), e.group());
      }
      assertEquals(PersonHashes.of(records.getFirst(), k), people.get("cpam").getFirst());
      assertEquals(
          k.hmacHex(records.getFirst().nir().replace(" ", "")),
          people.get("cpam").getFirst().nir());
    }
    assertEquals(
        List.of("identity", "nir", "contact", "health_result", "professional"),
        m.envelopes().stream()
            .filter(e -> e.group().equals("ars-idf"))
            .findFirst()
            .orElseThrow()
            .categories());
    assertTrue(send.err().contains("note: the server keeps the manifest only 30 days"), send.err());

    // Zero knowledge: no NIR, no name, no column header on the server's disk or in its database.
    List<String> needles = new ArrayList<>(List.of("birth_name", "first_names", "nir_hash"));
    for (LabRecord r : records.subList(0, 100)) {
      needles.add(r.nir());
      // As the ARS and CPAM files hold them; long enough never to occur in ciphertext by chance.
      needles.add(r.birthName() + "," + r.firstNames());
    }
    List<String> hits = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(dir().resolve("server"))) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        needles.stream()
            .filter(n -> bytes.contains(latin1(n)))
            .forEach(n -> hits.add(n + " in " + p));
      }
    }
    String u = url;
    if (u != null) {
      hits.addAll(postgresHits(u, needles));
    }
    assertEquals(List.of(), hits);
  }

  private static String latin1(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /** Every needle found in the text form of any row of any table of the test schema. */
  private static List<String> postgresHits(String url, List<String> needles) throws Exception {
    List<String> hits = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url)) {
      List<String> tables = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                      + " current_schema() AND table_type = 'BASE TABLE'")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      assertTrue(tables.size() > 3, "tables: " + tables);
      for (String t : tables) {
        // The table name comes from the catalogue, quoted; a row's text form includes bytea as hex.
        try (Statement s = c.createStatement();
            ResultSet r =
                s.executeQuery("SELECT t::text FROM \"" + t.replace("\"", "\"\"") + "\" t")) {
          while (r.next()) {
            String row = r.getString(1);
            needles.stream().filter(row::contains).forEach(n -> hits.add(n + " in table " + t));
          }
        }
      }
    }
    return hits;
  }

  @Test
  void anIncidentIsAssessedFromTheLogAndTheDposManifest() throws Exception {
    Lab lab = setUp();
    List<LabRecord> records = people(2_000);
    Path input = write(lab.files().resolve("results.csv"), records);
    java.time.Instant from = java.time.Instant.now().minusSeconds(3600);
    Run send = lab.send(input, "covid-daily");
    assertEquals(0, send.code(), send.toString());
    Map<String, String> ids = ids(send);
    agent("ars-idf").ok("get", ids.get("ars-idf"), "-o", "-");
    Path manifest = files(agent("dpo")).resolve("manifest.age");
    agent("dpo").ok("get", ids.get("dpo"), "-o", manifest.toString());
    String to = java.time.Instant.now().plusSeconds(3600).toString();
    String dpoIdentity = agent("dpo").home.resolve("identity").toString();
    Person op = new Person("op", dir().resolve("home-op").resolve("valise")); // set up, logged in

    // The ARS agent's account is compromised: its region's positive cases were readable.
    Path agentCase = dir().resolve("incident-agent");
    op.ok(
        "incident",
        "assess",
        "--from",
        from.toString(),
        "--to",
        to,
        "--account",
        agent("ars-idf").name,
        "--manifests",
        manifest.toString(),
        "-i",
        dpoIdentity,
        "-o",
        agentCase.toString());
    long idfPositives =
        records.stream()
            .filter(r -> r.result().equals("positive") && ars(r).equals("ars-idf"))
            .map(r -> r.nir().replace(" ", ""))
            .distinct()
            .count();
    List<List<String>> affected = csv(Files.readAllBytes(agentCase.resolve("affected.csv")));
    assertEquals(idfPositives, affected.size() - 1, "one line per person of the IDF file");
    assertTrue(affected.stream().skip(1).allMatch(l -> l.get(2).equals("readable")), "readable");

    // The whole server was copied (the 2021 case): nothing readable, everyone as ciphertext.
    Path theft = dir().resolve("incident-theft");
    op.ok(
        "incident",
        "assess",
        "--from",
        from.toString(),
        "--to",
        to,
        "--server-stolen",
        "--manifests",
        manifest.toString(),
        "-o",
        theft.toString());
    String draft = Files.readString(theft.resolve("draft.md"));
    assertTrue(draft.contains("DRAFT TO REVIEW"), draft);
    assertTrue(draft.contains("No readable personal data was exposed"), draft);
    List<List<String>> stolen = csv(Files.readAllBytes(theft.resolve("affected.csv")));
    long everyone = records.stream().map(r -> r.nir().replace(" ", "")).distinct().count();
    assertEquals(everyone, stolen.size() - 1);
    assertTrue(stolen.stream().skip(1).allMatch(l -> l.get(2).equals("ciphertext")), "ciphertext");
  }

  @Test
  void aFileWithBytesThatAreNotUtf8IsRefusedNamingItsLineAndNothingIsSent() throws Exception {
    Lab lab = setUp();
    List<LabRecord> records = new ArrayList<>(people(1_000));
    records.set(599, records.get(599).with(Column.BIRTH_NAME, "RENARDZZ"));
    Path csv = write(lab.files().resolve("latin1.csv"), records);
    byte[] bytes = Files.readAllBytes(csv);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("RENARDZZ") + 6;
    bytes[at] = (byte) 0xC9; // a Latin-1 É, which is no UTF-8 sequence before a Z
    Files.write(csv, bytes);
    Path fhir = lab.files().resolve("latin1.ndjson");
    try (OutputStream out = Files.newOutputStream(fhir)) {
      io.valise.lab.input.FhirWriter w = io.valise.lab.input.FhirWriter.open(out);
      for (LabRecord r : records.subList(0, 3)) {
        w.write(r);
      }
      w.finish();
    }
    byte[] json = Files.readAllBytes(fhir);
    int second = new String(json, StandardCharsets.ISO_8859_1).indexOf('\n') + 1;
    int name =
        new String(json, StandardCharsets.ISO_8859_1).indexOf(records.get(1).birthName(), second);
    json[name] = (byte) 0xC9;
    Files.write(fhir, json);

    Run send = lab.send(csv, "covid-daily");
    assertEquals(1, send.code(), send.toString());
    assertEquals("", send.out());
    assertTrue(
        send.err()
            .contains(
                csv
                    + ": line 601: bytes that are not UTF-8 at byte offset "
                    + at
                    + " (the file must be UTF-8; was it saved as Latin-1 or Windows-1252?);"
                    + " nothing was sent"),
        send.err());
    Run sendFhir = lab.send(fhir, "covid-daily");
    assertEquals(1, sendFhir.code(), sendFhir.toString());
    assertTrue(
        sendFhir.err().contains(fhir + ": bundle 2 (line 2): has bytes that are not UTF-8 near"),
        sendFhir.err());
    assertTrue(sendFhir.err().contains("; nothing was sent"), sendFhir.err());

    // No envelope, no temporary file, no reject report.
    assertTrue(lab.person().ok("outbox").err().contains("outbox is empty"), "nothing uploaded");
    for (String g : List.of("ars-idf", "cpam", "dpo")) {
      assertTrue(agent(g).ok("inbox").err().contains("inbox is empty"), g);
    }
    try (Stream<Path> left = Files.list(lab.person().home.resolve("tmp"))) {
      assertEquals(List.of(), left.toList(), "temporary files are deleted");
    }
    assertTrue(!Files.exists(Path.of(csv + ".rejects.csv")), "no reject report");
  }

  @Test
  void invalidRowsAreReportedAndNeverSent() throws Exception {
    Lab lab = setUp();
    List<LabRecord> records = new ArrayList<>(people(40));
    records.set(3, records.get(3).with(Column.NIR, "1 99 99 99 999 999 99"));
    records.set(7, records.get(7).with(Column.SAMPLED_AT, "2999-01-01T08:00:00+01:00"));
    records.set(8, records.get(8).with(Column.POSTCODE, "13001").with(Column.DEPARTMENT, "75"));
    Path input = write(lab.files().resolve("day.csv"), records);
    Path rejects = lab.files().resolve("rejects.csv");

    Run send = lab.send(input, "covid-tracing", "--rejects", rejects.toString());
    assertEquals(4, send.code(), send.toString());
    assertTrue(send.err().contains("40 records read, 37 sent to"), send.err());
    assertTrue(send.err().contains("3 rejected (see " + rejects + ")"), send.err());
    List<List<String>> report = csv(Files.readAllBytes(rejects));
    assertEquals(List.of("row", "field", "reason"), report.getFirst());
    Set<String> rows = new java.util.TreeSet<>();
    report.subList(1, report.size()).forEach(r -> rows.add(r.get(0) + " " + r.get(1)));
    assertTrue(rows.contains("5 nir"), rows.toString());
    assertTrue(rows.contains("9 sampled_at"), rows.toString());
    assertTrue(rows.contains("10 postcode"), rows.toString());
    String reportText = Files.readString(rejects);
    assertTrue(!reportText.contains("2999") && !reportText.contains("13001"), "no value repeated");

    Map<String, String> ids = ids(send);
    List<List<String>> cpamRows = csv(agent("cpam").ok("get", ids.get("cpam"), "-o", "-").bytes());
    assertEquals(38, cpamRows.size());
    Set<Integer> bad = Set.of(3, 7, 8);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      if (!bad.contains(i)) {
        expected.add(records.get(i).nir());
      }
    }
    assertEquals(
        expected, cpamRows.subList(1, cpamRows.size()).stream().map(r -> r.get(0)).toList());

    // Usage and set-up errors send nothing.
    assertEquals(2, lab.send(input, "nope").code());
    Run noDpo = lab.send(input, "covid-daily", "--dpo", "nobody-here");
    assertEquals(1, noDpo.code(), noDpo.toString());
    assertEquals("", noDpo.out());
  }
}
