package io.valise.lab.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.lab.record.Column;
import io.valise.lab.record.CsvException;
import io.valise.lab.record.LabCsvReader;
import io.valise.lab.record.LabRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch reader of CSV files gives what {@link LabCsvReader} gives, records, rows and errors,
 * whatever the batch size: over generated files with quoted fields, line breaks inside them, CR, LF
 * and CRLF, blank lines, non-ASCII text and one fault of each kind.
 */
class CsvSourceTest {
  private static final String[] WORDS = {
    "DUPONT",
    "Marie Claire",
    "é",
    "Œuvre",
    "𝄞",
    "a,b",
    "say \"hi\"",
    "two\nlines",
    "cr\rline",
    "crlf\r\nline",
    "",
    " lead",
    "x",
    "2020-10-12T08:15:00+02:00",
    "\uFEFFbom"
  };
  private static final String[] FAULTS = {
    "none", "quoteInside", "textAfterQuote", "unclosed", "fields", "utf8", "long", "longBytes"
  };

  @Test
  void batchesGiveWhatTheReaderGives() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    for (int file = 0; file < 400; file++) {
      String fault = FAULTS[file % FAULTS.length];
      byte[] bytes = file(random, fault);
      Outcome expected = read(bytes, -1);
      for (int chunk : new int[] {1, 17, 300, 1 << 20}) {
        Outcome got = read(bytes, chunk);
        assertEquals(
            expected.error, got.error, "file " + file + " (" + fault + "), chunk " + chunk);
        if (expected.error.isEmpty()) {
          assertEquals(expected.records, got.records, "file " + file + ", chunk " + chunk);
        }
      }
    }
  }

  @Test
  void anEmptyFileOrBlankLinesAreNoHeader() {
    for (String text : new String[] {"", "\r\n\n", "\uFEFF"}) {
      CsvException e =
          assertThrows(
              CsvException.class,
              () ->
                  CsvSource.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
      assertEquals("line 1: the file is empty; it needs a header line", e.getMessage());
    }
  }

  @Test
  void aRecordTooLongToBeValidStopsTheFileWithoutReadingItAll() throws Exception {
    String head = header() + "\r\n\"";
    byte[] bytes = new byte[head.length() + 20_000_000];
    System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, bytes, 0, head.length());
    java.util.Arrays.fill(bytes, head.length(), bytes.length, (byte) 'a');
    Outcome expected = read(bytes, -1);
    Outcome got = read(bytes, 1 << 20);
    assertTrue(expected.error.contains("a field longer than 8192 characters"), expected.error);
    assertEquals(expected.error, got.error);
  }

  @Test
  void bytesThatAreNotUtf8StopTheFileWithTheirLineAndOffset() throws Exception {
    // A Latin-1 é (0xE9) in a name on line 5000, after records with UTF-8 é, Œ and 𝄞, and a
    // truncated sequence at the very end of another file.
    StringBuilder text = new StringBuilder(header()).append("\r\n");
    String row = String.join(",", java.util.Collections.nCopies(Column.values().length, "Œé𝄞"));
    for (int line = 2; line < 5000; line++) {
      text.append(row).append(line % 3 == 0 ? "\n" : "\r\n");
    }
    byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(head);
    b.write("\"Ren".getBytes(StandardCharsets.US_ASCII));
    b.write(0xE9);
    b.write(("\r\n" + row).getBytes(StandardCharsets.UTF_8));
    byte[] latin1 = b.toByteArray();
    String expected =
        "CsvException: line 5000: bytes that are not UTF-8 at byte offset "
            + (head.length + 4)
            + " (the file must be UTF-8; was it saved as Latin-1 or Windows-1252?)";
    assertEquals(expected, read(latin1, -1).error);
    for (int chunk : new int[] {1, 300, 1 << 16, 1 << 20}) {
      assertEquals(expected, read(latin1, chunk).error, "chunk " + chunk);
    }

    byte[] truncated = java.util.Arrays.copyOf(head, head.length - 3); // half of the last 𝄞
    String atEnd =
        "CsvException: line 4999: bytes that are not UTF-8 at byte offset " + (head.length - 6);
    assertTrue(read(truncated, -1).error.startsWith(atEnd), read(truncated, -1).error);
    assertTrue(read(truncated, 1 << 20).error.startsWith(atEnd), read(truncated, 1 << 20).error);
  }

  private record Outcome(List<String> records, String error) {}

  /** Every record as row and values, or the error; chunk -1 reads with LabCsvReader. */
  private static Outcome read(byte[] bytes, int chunk) {
    List<String> out = new ArrayList<>();
    try {
      if (chunk < 0) {
        LabCsvReader r = LabCsvReader.open(new ByteArrayInputStream(bytes));
        for (LabRecord rec = r.next(); rec != null; rec = r.next()) {
          out.add(rec.row() + ":" + rec.values());
        }
      } else {
        RecordSource s = CsvSource.open(new ByteArrayInputStream(bytes), chunk);
        boolean batches = chunk % 2 == 1;
        if (batches) {
          for (RecordBatch b = s.nextBatch(); b != null; b = s.nextBatch()) {
            for (LabRecord rec : b.records()) {
              out.add(rec.row() + ":" + rec.values());
            }
          }
        } else {
          for (LabRecord rec = s.next(); rec != null; rec = s.next()) {
            out.add(rec.row() + ":" + rec.values());
          }
        }
      }
      return new Outcome(out, "");
    } catch (IOException e) {
      return new Outcome(out, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String header() {
    List<String> names = new ArrayList<>();
    for (Column c : Column.values()) {
      names.add(c.header());
    }
    java.util.Collections.reverse(names);
    return String.join(",", names);
  }

  private static byte[] file(SplittableRandom random, String fault) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    if (random.nextInt(4) == 0) {
      b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    if (random.nextInt(4) == 0) {
      b.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    String[] ends = {"\r\n", "\n", "\r"};
    String end = ends[random.nextInt(3)];
    b.write((header() + end).getBytes(StandardCharsets.UTF_8));
    int records = 1 + random.nextInt(40);
    int faultAt = random.nextInt(records);
    for (int r = 0; r < records; r++) {
      if (random.nextInt(10) == 0) {
        b.write(end.getBytes(StandardCharsets.UTF_8)); // a blank line
      }
      int fields = Column.values().length;
      if (r == faultAt && fault.equals("fields")) {
        fields += random.nextBoolean() ? 1 : -3;
      }
      StringBuilder line = new StringBuilder();
      for (int f = 0; f < fields; f++) {
        if (f > 0) {
          line.append(',');
        }
        String w = WORDS[random.nextInt(WORDS.length)];
        boolean needs = w.contains(",") || w.contains("\"") || w.contains("\n") || w.contains("\r");
        if (needs || random.nextInt(8) == 0) {
          line.append('"').append(w.replace("\"", "\"\"")).append('"');
        } else {
          line.append(w);
        }
      }
      if (r == faultAt) {
        switch (fault) {
          case "quoteInside" -> line.append(",ab\"c");
          case "textAfterQuote" -> line.insert(0, "\"x\"y");
          case "unclosed" -> line.append(",\"open");
          case "long" -> line.append("é".repeat(8193));
          case "longBytes" -> line.insert(0, "é".repeat(5000));
          default -> {}
        }
      }
      byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
      if (r == faultAt && fault.equals("utf8")) {
        bytes[bytes.length / 2] = (byte) 0xFF;
      }
      b.write(bytes);
      if (r < records - 1 || random.nextBoolean()) {
        b.write(end.getBytes(StandardCharsets.UTF_8));
      }
    }
    return b.toByteArray();
  }
}
