package io.valise.lab.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.lab.geo.Geography;
import io.valise.lab.record.Column;
import io.valise.lab.record.LabCsvWriter;
import io.valise.lab.record.LabRecord;
import io.valise.lab.record.Problem;
import io.valise.lab.record.RecordValidator;
import io.valise.lab.record.Rules;
import io.valise.lab.synth.Synth;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV, HL7 v2 and FHIR inputs give the same records. */
class FormatsTest {
  private static final Clock AFTER =
      Clock.fixed(Instant.parse("2021-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final int N = 300;

  @TempDir Path dir;

  private static List<LabRecord> synth(long seed, int n) {
    Synth s = new Synth(seed);
    List<LabRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(s.next());
    }
    return out;
  }

  private static List<LabRecord> readAll(RecordSource src) throws IOException {
    List<LabRecord> out = new ArrayList<>();
    try (src) {
      for (LabRecord r = src.next(); r != null; r = src.next()) {
        out.add(r);
      }
    }
    return out;
  }

  private static byte[] csv(List<LabRecord> records) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    LabCsvWriter w = LabCsvWriter.open(b);
    for (LabRecord r : records) {
      w.write(r);
    }
    w.flush();
    return b.toByteArray();
  }

  private static byte[] hl7(List<LabRecord> records, boolean batch) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    Hl7Writer w = Hl7Writer.open(b, batch);
    for (LabRecord r : records) {
      w.write(r);
    }
    w.finish();
    return b.toByteArray();
  }

  private static byte[] fhir(List<LabRecord> records) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    FhirWriter w = FhirWriter.open(b);
    for (LabRecord r : records) {
      w.write(r);
    }
    w.finish();
    return b.toByteArray();
  }

  private Path file(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  /** Same values in every column, and the rows {@code first, first + step, ...}. */
  private static void assertSame(
      List<LabRecord> expected, List<LabRecord> actual, long first, long step) {
    assertEquals(expected.size(), actual.size(), "record count");
    for (int i = 0; i < expected.size(); i++) {
      for (Column c : Column.values()) {
        assertEquals(
            expected.get(i).get(c), actual.get(i).get(c), "record " + (i + 1) + ", " + c.header());
      }
      assertEquals(first + i * step, actual.get(i).row(), "row of record " + (i + 1));
    }
  }

  @Test
  void synthRecordsReadTheSameFromCsvHl7AndFhir() throws IOException {
    List<LabRecord> records = synth(7, N);
    List<LabRecord> fromCsv = readAll(Inputs.open(file("a.csv", csv(records)), null));
    assertSame(records, fromCsv, 2, 1); // the header is line 1
    List<LabRecord> fromHl7 = readAll(Inputs.open(file("a.hl7", hl7(records, false)), null));
    assertSame(records, fromHl7, 5, 5); // MSH PID ORC OBR OBX: the OBX is segment 5n
    List<LabRecord> fromBatch = readAll(Inputs.open(file("b.hl7", hl7(records, true)), null));
    assertSame(records, fromBatch, 7, 5); // FHS and BHS come first
    List<LabRecord> fromFhir = readAll(Inputs.open(file("a.ndjson", fhir(records)), null));
    assertSame(records, fromFhir, 1, 1); // bundle n, line n
  }

  @Test
  void segmentsMayEndWithLfOrCrlf() throws IOException {
    List<LabRecord> records = synth(3, 20);
    String cr = new String(hl7(records, true), StandardCharsets.UTF_8);
    for (String end : List.of("\n", "\r\n", "\n\n", "\r\u001c\r\u000b")) {
      byte[] b = cr.replace("\r", end).getBytes(StandardCharsets.UTF_8);
      List<LabRecord> read = readAll(new Hl7Source(new ByteArrayInputStream(b)));
      assertSame(records, read, 7, 5); // blank lines do not count
    }
  }

  @Test
  void fhirReadsOneBundleAJsonArrayAndNdjson() throws IOException {
    List<LabRecord> records = synth(11, 5);
    String ndjson = new String(fhir(records), StandardCharsets.UTF_8);
    String array = "[" + String.join(",\n", ndjson.strip().split("\n", -1)) + "]";
    assertSame(
        records,
        readAll(new FhirSource(new ByteArrayInputStream(array.getBytes(StandardCharsets.UTF_8)))),
        1,
        1);
    String first = ndjson.substring(0, ndjson.indexOf('\n'));
    assertSame(
        records.subList(0, 1),
        readAll(new FhirSource(new ByteArrayInputStream(first.getBytes(StandardCharsets.UTF_8)))),
        1,
        1);
  }

  @Test
  void hl7DelimitersInValuesAreEscapedAndRead() throws IOException {
    LabRecord r =
        synth(5, 1)
            .get(0)
            .with(Column.ADDRESS, "3 bis | rue ^ des ~ Forges & \\ Moulins")
            .with(Column.COMMUNE, "Saint-Étienne");
    List<LabRecord> read = readAll(new Hl7Source(new ByteArrayInputStream(hl7(List.of(r), false))));
    assertSame(List.of(r), read, 5, 5);
  }

  private static LabRecord expected(long row, Map<Column, String> changes) {
    Map<Column, String> v = new EnumMap<>(Column.class);
    v.put(Column.NIR, "262087503203977");
    v.put(Column.NIR_OID, "1.2.250.1.213.1.4.10");
    v.put(Column.BIRTH_NAME, "DUPONT");
    v.put(Column.FIRST_NAMES, "Marie Claire");
    v.put(Column.SEX, "F");
    v.put(Column.BIRTH_DATE, "1962-08-14");
    v.put(Column.ADDRESS, "12, rue de la Paix");
    v.put(Column.POSTCODE, "75002");
    v.put(Column.COMMUNE, "Paris");
    v.put(Column.DEPARTMENT, "75");
    v.put(Column.PHONE, "+33 6 39 98 12 34");
    v.put(Column.EMAIL, "marie.dupont@example.org");
    v.put(Column.SAMPLED_AT, "2020-10-12T08:15:00+02:00");
    v.put(Column.RESULTED_AT, "2020-10-13T10:00:00+02:00");
    v.put(Column.LAB_FINESS, "750712184");
    v.put(Column.PRESCRIBER_RPPS, "10003456786");
    v.put(Column.LOINC, "94500-6");
    v.put(Column.RESULT, "positive");
    v.putAll(changes);
    return LabRecord.of(row, v);
  }

  private static InputStream resource(String name) {
    InputStream in = FormatsTest.class.getResourceAsStream(name);
    assertNotNull(in, name);
    return in;
  }

  private static void assertValid(LabRecord r) {
    List<Problem> problems =
        new RecordValidator(AFTER, Rules.sarsCov2(), Geography.france()).validate(r);
    assertTrue(problems.isEmpty(), problems.toString());
  }

  @Test
  void handWrittenOruR01() throws IOException {
    List<LabRecord> read = readAll(new Hl7Source(resource("oru-r01-sample.hl7")));
    // Message 1: the RT-PCR result (the Ct value, a numeric OBX, gives no record).
    // Message 2: an antigen test written as text, an address with an escaped '&', no prescriber.
    Map<Column, String> second = new EnumMap<>(Column.class);
    second.put(Column.NIR, "185036912304532");
    second.put(Column.BIRTH_NAME, "LEFEVRE");
    second.put(Column.FIRST_NAMES, "Paul");
    second.put(Column.SEX, "M");
    second.put(Column.BIRTH_DATE, "1985-03-02");
    second.put(Column.ADDRESS, "5 chemin du Moulin & de la Forge");
    second.put(Column.POSTCODE, "69003");
    second.put(Column.COMMUNE, "Lyon");
    second.put(Column.DEPARTMENT, "69");
    second.put(Column.PHONE, "");
    second.put(Column.EMAIL, "");
    second.put(Column.SAMPLED_AT, "2020-11-03T17:10:00+01:00");
    second.put(Column.RESULTED_AT, "2020-11-03T17:45:00+01:00");
    second.put(Column.PRESCRIBER_RPPS, "");
    second.put(Column.LOINC, "94558-4");
    second.put(Column.RESULT, "negative");
    List<LabRecord> expected = List.of(expected(6, Map.of()), expected(12, second));
    assertEquals(expected.size(), read.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).values(), read.get(i).values(), "record " + (i + 1));
      assertEquals(expected.get(i).row(), read.get(i).row(), "row of record " + (i + 1));
      assertValid(read.get(i));
    }
  }

  @Test
  void handWrittenBundle() throws IOException {
    List<LabRecord> read = readAll(new FhirSource(resource("bundle-sample.json")));
    assertEquals(1, read.size()); // the Ct Observation (a quantity) gives no record
    assertEquals(expected(1, Map.of()).values(), read.get(0).values());
    assertEquals(1, read.get(0).row());
    assertValid(read.get(0));
  }

  @Test
  void detectsEachFormatAndOpensIt() throws IOException {
    List<LabRecord> records = synth(1, 3);
    Map<Format, byte[]> files =
        Map.of(
            Format.CSV,
            csv(records),
            Format.HL7V2,
            hl7(records, false),
            Format.FHIR,
            fhir(records));
    for (Map.Entry<Format, byte[]> e : files.entrySet()) {
      try (InputStream in =
          new java.io.BufferedInputStream(new ByteArrayInputStream(e.getValue()))) {
        assertEquals(e.getKey(), Inputs.detect(in));
        assertEquals(e.getValue()[0], (byte) in.read(), "detect does not consume");
      }
      Path p = file("f-" + e.getKey(), e.getValue());
      assertEquals(3, readAll(Inputs.open(p, e.getKey())).size());
      assertEquals(3, readAll(Inputs.open(p, null)).size());
    }
    try (InputStream in =
        new java.io.BufferedInputStream(new ByteArrayInputStream(hl7(records, true)))) {
      assertEquals(Format.HL7V2, Inputs.detect(in));
    }
    try (InputStream in =
        new java.io.BufferedInputStream(
            new ByteArrayInputStream(
                "\n [{\"resourceType\":\"Bundle\"}]".getBytes(StandardCharsets.UTF_8)))) {
      assertEquals(Format.FHIR, Inputs.detect(in));
    }
  }

  @Test
  void everyKindOfNirOidTravels() throws IOException {
    List<LabRecord> records = new ArrayList<>();
    for (String oid :
        List.of("", "1.2.250.1.213.1.4.8", "1.2.250.1.213.1.4.9", "1.2.250.1.213.1.4.11")) {
      records.add(synth(oid.length(), 1).get(0).with(Column.NIR_OID, oid));
    }
    assertSame(
        records, readAll(new Hl7Source(new ByteArrayInputStream(hl7(records, false)))), 5, 5);
    assertSame(records, readAll(new FhirSource(new ByteArrayInputStream(fhir(records)))), 1, 1);
  }

  @Test
  void otherHl7VersionsAreReadAsV25AndObx23GivesTheLab() throws IOException {
    String sample =
        new String(resource("oru-r01-sample.hl7").readAllBytes(), StandardCharsets.UTF_8);
    String v231 =
        sample
            .replace("|P|2.5|", "|P|2.5.1|")
            .replace(
                "||F|||20201012081500+0200\r",
                "||F|||20201012081500+0200|||||||||LBM^^^^^&1.2.250.1.71.4.2.2&ISO^FINEG^^^1130785652\r");
    assertTrue(v231.contains("1130785652"));
    List<LabRecord> read =
        readAll(new Hl7Source(new ByteArrayInputStream(v231.getBytes(StandardCharsets.UTF_8))));
    assertEquals(2, read.size());
    assertEquals("130785652", read.get(0).labFiness()); // OBX-23, the performing lab
    assertEquals("750712184", read.get(1).labFiness()); // MSH-4
    String v23 = sample.replace("|P|2.5|", "|P|2.3|");
    List<LabRecord> old =
        readAll(new Hl7Source(new ByteArrayInputStream(v23.getBytes(StandardCharsets.UTF_8))));
    assertEquals(expected(6, Map.of()).values(), old.get(0).values());
  }

  private static final String MSH = "MSH|^~\\&|LAB|750712184|||20201013100000+0200||";

  @Test
  void aMessageThatCannotBeParsedStopsTheFileNamingIt() throws IOException {
    byte[] good = hl7(synth(2, 1), false);
    String adt = MSH + "ADT^A01^ADT_A01|2|P|2.5\rPID|1||185036912304532^^^^INS\r";
    IOException e =
        assertThrows(
            IOException.class,
            () -> readAll(new Hl7Source(new ByteArrayInputStream(concat(good, adt)))));
    assertTrue(msg(e).startsWith("message 2 (line 6): "), msg(e));
    assertTrue(msg(e).contains("not an ORU^R01"), msg(e));

    String broken = "MSH|^~\\&|LAB\rPID|1\r";
    e =
        assertThrows(
            IOException.class,
            () -> readAll(new Hl7Source(new ByteArrayInputStream(concat(good, broken)))));
    assertTrue(msg(e).startsWith("message 2 (line 6): "), msg(e));

    String charset = MSH + "ORU^R01^ORU_R01|3|P|2.5|||||FRA|8859/1\rPID|1||x^^^^INS||\u00e9\r";
    byte[] utf8 = charset.getBytes(StandardCharsets.UTF_8);
    // Declared Latin-1 and read as such: é in UTF-8 is two Latin-1 characters, not an error.
    assertEquals(1, readAll(new Hl7Source(new ByteArrayInputStream(utf8))).size());
    String undeclared = MSH + "ORU^R01^ORU_R01|3|P|2.5\rPID|1||x^^^^INS||\u00e9\r";
    e =
        assertThrows(
            IOException.class,
            () ->
                readAll(
                    new Hl7Source(
                        new ByteArrayInputStream(
                            undeclared.getBytes(StandardCharsets.ISO_8859_1)))));
    assertTrue(msg(e).contains("not UTF-8"), msg(e));

    e =
        assertThrows(
            IOException.class,
            () ->
                readAll(
                    new Hl7Source(
                        new ByteArrayInputStream("PID|1\r".getBytes(StandardCharsets.UTF_8)))));
    assertTrue(msg(e).startsWith("line 1: "), msg(e));
  }

  @Test
  void aMessageWithoutResultGivesARecordThatValidationRejects() throws IOException {
    String msg =
        MSH
            + "ORU^R01^ORU_R01|1|P|2.5\rPID|1||185036912304532^^^&1.2.250.1.213.1.4.10&ISO^INS||LEFEVRE^Paul^^^^^L\r";
    List<LabRecord> read =
        readAll(new Hl7Source(new ByteArrayInputStream(msg.getBytes(StandardCharsets.UTF_8))));
    assertEquals(1, read.size());
    LabRecord r = read.get(0);
    assertEquals(1, r.row());
    assertEquals("185036912304532", r.nir());
    assertEquals("", r.loinc());
    List<Problem> problems =
        new RecordValidator(AFTER, Rules.sarsCov2(), Geography.france()).validate(r);
    assertTrue(problems.stream().anyMatch(p -> p.field() == Column.LOINC), problems.toString());
  }

  @Test
  void anUnknownResultIsKeptForValidationToReject() throws IOException {
    LabRecord r = synth(9, 1).get(0).with(Column.RESULT, "weakly reactive");
    for (List<LabRecord> read :
        List.of(
            readAll(new Hl7Source(new ByteArrayInputStream(hl7(List.of(r), false)))),
            readAll(new FhirSource(new ByteArrayInputStream(fhir(List.of(r))))))) {
      assertEquals("weakly reactive", read.get(0).result());
    }
  }

  @Test
  void fhirThatIsNotABundleStopsTheFileNamingIt() throws IOException {
    byte[] good = fhir(synth(4, 1));
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                readAll(
                    new FhirSource(
                        new ByteArrayInputStream(
                            concat(good, "{\"resourceType\":\"Patient\"}\n")))));
    assertEquals("bundle 2 (line 2): is not a Bundle", msg(e));
    e =
        assertThrows(
            IOException.class,
            () ->
                readAll(
                    new FhirSource(
                        new ByteArrayInputStream(
                            concat(good, "{\"resourceType\": \"Bundle\", \n")))));
    assertTrue(msg(e).startsWith("bundle 2 (line 2): is not JSON"), msg(e));
    e =
        assertThrows(
            IOException.class,
            () ->
                readAll(
                    new FhirSource(
                        new ByteArrayInputStream(
                            concat(
                                good,
                                "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":{\"resourceType\":\"DiagnosticReport\",\"status\":\"final\",\"code\":{},\"result\":[{\"reference\":\"Observation/x\"}]}}]}\n")))));
    assertEquals("bundle 2 (line 2): a reference points to no resource of the Bundle", msg(e));
    e =
        assertThrows(
            IOException.class,
            () ->
                readAll(
                    new FhirSource(
                        new ByteArrayInputStream(
                            concat(
                                good, "{\"resourceType\":\"Bundle\",\"type\":\"nonsense\"}\n")))));
    assertEquals("bundle 2 (line 2): is not a valid FHIR R4 Bundle", msg(e));
    // A Latin-1 é in a name: the bytes are named as what they are, not as broken JSON.
    String bundle = "{\"resourceType\":\"Bundle\",\"id\":\"Ren\u00e9\"}\n";
    byte[] latin1 = concat(good, "");
    latin1 = java.util.Arrays.copyOf(latin1, good.length + bundle.length());
    System.arraycopy(
        bundle.getBytes(StandardCharsets.ISO_8859_1), 0, latin1, good.length, bundle.length());
    byte[] file = latin1;
    e =
        assertThrows(
            IOException.class, () -> readAll(new FhirSource(new ByteArrayInputStream(file))));
    assertEquals(
        "bundle 2 (line 2): has bytes that are not UTF-8 near byte offset "
            + (good.length + bundle.indexOf('\u00e9') + 2)
            + ", line 2 (the file must be UTF-8; was it saved as Latin-1 or Windows-1252?)",
        msg(e));
  }

  @Test
  void resultCodesAndTexts() {
    assertEquals("positive", Results.of("260373001", ""));
    assertEquals("negative", Results.of("260415000", "whatever"));
    assertEquals("inconclusive", Results.of("LA9663-1", ""));
    assertEquals("negative", Results.of("", "Non détecté"));
    assertEquals("positive", Results.of("", " POSITIF "));
    assertEquals("negative", Results.of("X99", "not  detected"));
    assertEquals("X99", Results.of("X99", "pending"));
    assertEquals("pending", Results.of("", "pending"));
    assertNull(Results.ofCode("123"));
  }

  @Test
  void hl7TimeStamps() {
    assertEquals("2020-10-12T08:15:00+02:00", Times.hl7ToIso("202010120815+0200"));
    assertEquals("2020-10-12T08:15:30.5-04:00", Times.hl7ToIso("20201012081530.5-0400"));
    assertEquals("2020-10-12T08:15", Times.hl7ToIso("202010120815")); // no offset: rejected later
    assertEquals("20201312", Times.hl7ToIso("20201312"));
    assertEquals("20201012081500+0200", Times.isoToHl7("2020-10-12T08:15:00+02:00"));
    assertEquals("1962-08-14", Times.hl7ToDate("19620814"));
    assertEquals("19621314", Times.hl7ToDate("19621314"));
  }

  private static String msg(Exception e) {
    return String.valueOf(e.getMessage());
  }

  private static byte[] concat(byte[] a, String b) {
    byte[] c = b.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[a.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(c, 0, out, a.length, c.length);
    return out;
  }
}
