package io.valise.lab.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void bytesAreWhatTheWriterWrites() throws IOException {
    List<String> fields =
        List.of(
            "", "plain", " lead", "trail ", "a,b", "say \"hi\"", "two\nlines", "é", "x\ry", "𝄞");
    java.io.StringWriter text = new java.io.StringWriter();
    new CsvWriter(text).write(fields);
    ByteSink bytes = new ByteSink(1);
    CsvWriter.append(bytes, fields);
    assertEquals(text.toString(), new String(bytes.toByteArray(), StandardCharsets.UTF_8));
  }

  @Test
  void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
    String text = "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",,x\n\nlast,\"\",end";
    CsvReader r = new CsvReader(new StringReader(text));
    assertEquals(List.of("a", "b,c", "say \"hi\""), r.next());
    assertEquals(1, r.recordLine());
    assertEquals(List.of("two\r\nlines", "", "x"), r.next());
    assertEquals(2, r.recordLine());
    assertEquals(List.of("last", "", "end"), r.next());
    assertEquals(5, r.recordLine(), "the quoted line break and the blank line count");
    assertNull(r.next());
  }

  @Test
  void skipsAByteOrderMarkAndAcceptsAFinalLineWithoutBreak() throws IOException {
    CsvReader r = new CsvReader(new StringReader("\uFEFFa,b\rc,d"));
    assertEquals(List.of("a", "b"), r.next());
    assertEquals(List.of("c", "d"), r.next());
    assertNull(r.next());
  }

  @Test
  void rejectsMalformedQuoting() {
    assertEquals(
        "line 2: a quote inside an unquoted field",
        assertThrows(CsvException.class, () -> all("a\nb\"c")).getMessage());
    assertEquals(
        "line 1: text after a closing quote (write \"\" for a quote)",
        assertThrows(CsvException.class, () -> all("\"a\"b,c")).getMessage());
    assertEquals(
        "line 2: a quoted field is not closed",
        assertThrows(CsvException.class, () -> all("a\n\"b,c\n")).getMessage());
  }

  @Test
  void boundsFieldLength() throws IOException {
    String tooLong = "x".repeat(CsvReader.MAX_FIELD + 1);
    assertThrows(CsvException.class, () -> all(tooLong));
    assertEquals(CsvReader.MAX_FIELD, all("x".repeat(CsvReader.MAX_FIELD)).get(0).get(0).length());
  }

  @Test
  void writerQuotesOnlyWhatNeedsIt() throws IOException {
    StringWriter out = new StringWriter();
    new CsvWriter(out).write(List.of("plain", "a,b", "say \"hi\"", "two\nlines", " pad", ""));
    assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",\r\n", out.toString());
  }

  @Test
  void writerAndReaderRoundTrip() throws IOException {
    List<List<String>> rows =
        List.of(List.of("é,à", "\"", "\r\n"), List.of("", "x", "  y  "), List.of("a", "b", "c"));
    StringWriter out = new StringWriter();
    CsvWriter w = new CsvWriter(out);
    for (List<String> row : rows) {
      w.write(row);
    }
    assertEquals(rows, all(out.toString()));
  }

  @Test
  void labFileRoundTripsRecords() throws IOException {
    LabRecord a = Samples.valid();
    LabRecord b = a.with(Column.ADDRESS, "Résidence \"Les Pins\",\nbât. B").with(Column.PHONE, "");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (LabCsvWriter w = LabCsvWriter.open(bytes)) {
      w.write(a);
      w.write(b);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("nir,nir_oid,birth_name,first_names,sex,birth_date,"), text);
    try (LabCsvReader r = LabCsvReader.open(in(text))) {
      LabRecord ra = r.next();
      LabRecord rb = r.next();
      assertNull(r.next());
      assertEquals(a.values(), nonNull(ra).values());
      assertEquals(2, nonNull(ra).row());
      assertEquals(b.values(), nonNull(rb).values());
      assertEquals(3, nonNull(rb).row());
    }
  }

  @Test
  void labFileColumnsMayComeInAnyOrder() throws IOException {
    List<String> header = new ArrayList<>();
    for (Column c : Column.values()) {
      header.add(c.header());
    }
    List<String> values = Samples.valid().values();
    StringWriter out = new StringWriter();
    CsvWriter w = new CsvWriter(out);
    w.write(header.reversed());
    w.write(values.reversed());
    LabRecord r = LabCsvReader.open(new StringReader(out.toString())).next();
    assertEquals(values, nonNull(r).values());
  }

  @Test
  void labFileHeaderMustNameEveryColumnOnce() {
    assertEquals(
        "line 1: the file is empty; it needs a header line",
        assertThrows(CsvException.class, () -> LabCsvReader.open(new StringReader("")))
            .getMessage());
    String header = String.join(",", Samples.valid().values().stream().map(v -> "x").toList());
    CsvException e =
        assertThrows(CsvException.class, () -> LabCsvReader.open(new StringReader(header)));
    assertTrue(String.valueOf(e.getMessage()).startsWith("line 1: unknown columns: x"));
    String missing = "nir,nir_oid\r\n";
    e = assertThrows(CsvException.class, () -> LabCsvReader.open(new StringReader(missing)));
    assertTrue(String.valueOf(e.getMessage()).startsWith("line 1: missing columns: birth_name"));
    String twice = "nir,nir\r\n";
    e = assertThrows(CsvException.class, () -> LabCsvReader.open(new StringReader(twice)));
    assertEquals("line 1: column nir appears twice", e.getMessage());
  }

  @Test
  void labFileRejectsAShortRowAndInvalidUtf8() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LabCsvWriter.open(bytes).close();
    String text = bytes.toString(StandardCharsets.UTF_8) + "a,b\r\n";
    LabCsvReader r = LabCsvReader.open(in(text));
    assertEquals(
        "line 2: 2 fields where the header has 18",
        assertThrows(CsvException.class, r::next).getMessage());
    byte[] bad =
        (bytes.toString(StandardCharsets.UTF_8) + "\u00e9").getBytes(StandardCharsets.UTF_8);
    bad[bad.length - 1] = (byte) 0xff;
    assertEquals(
        "line 2: bytes that are not UTF-8 at byte offset "
            + (bad.length - 2)
            + " (the file must be UTF-8; was it saved as Latin-1 or Windows-1252?)",
        assertThrows(
                CsvException.class, () -> LabCsvReader.open(new ByteArrayInputStream(bad)).next())
            .getMessage());
  }

  @Test
  void recordsDoNotPrintPersonalData() {
    assertEquals("LabRecord[row=2, redacted]", Samples.valid().toString());
  }

  private static List<List<String>> all(String text) throws IOException {
    CsvReader r = new CsvReader(new StringReader(text));
    List<List<String>> rows = new ArrayList<>();
    for (List<String> row = r.next(); row != null; row = r.next()) {
      rows.add(row);
    }
    return rows;
  }

  private static InputStream in(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static LabRecord nonNull(@Nullable LabRecord r) {
    if (r == null) {
      throw new AssertionError("no record");
    }
    return r;
  }
}
