package io.valise.lab.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.lab.geo.Geography;
import io.valise.lab.ident.Nir;
import io.valise.lab.record.LabCsvReader;
import io.valise.lab.record.LabRecord;
import io.valise.lab.record.Problem;
import io.valise.lab.record.RecordValidator;
import io.valise.lab.record.Rules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SynthTest {
  private static final Clock AFTER =
      Clock.fixed(Instant.parse("2021-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final RecordValidator validator =
      new RecordValidator(AFTER, Rules.sarsCov2(), Geography.france());

  /** Property: for many seeds, every record validates and is marked as test data. */
  @Test
  void everySyntheticRecordValidates() {
    for (long seed = 0; seed < 200; seed++) {
      Synth synth = new Synth(seed * 0x9E3779B97F4A7C15L);
      for (int i = 0; i < 250; i++) {
        LabRecord r = synth.next();
        List<Problem> problems = validator.validate(r);
        assertEquals(List.of(), problems, "seed " + seed + " record " + i);
        assertTrue(RecordValidator.isTestData(r));
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameBytes() throws IOException {
    assertArrayEquals(bytes(42, 2000), bytes(42, 2000));
    assertFalse(java.util.Arrays.equals(bytes(42, 2000), bytes(43, 2000)));
  }

  @Test
  void aLongerFileStartsWithTheShorterOne() throws IOException {
    byte[] small = bytes(7, 100);
    byte[] large = bytes(7, 1000);
    assertArrayEquals(small, java.util.Arrays.copyOf(large, small.length));
  }

  @Test
  void theFileReadsBackAndEveryRowValidates() throws IOException {
    byte[] file = bytes(3, 3000);
    int n = 0;
    try (LabCsvReader r = LabCsvReader.open(new ByteArrayInputStream(file))) {
      for (LabRecord rec = r.next(); rec != null; rec = r.next()) {
        n++;
        assertEquals(n + 1, rec.row());
        assertEquals(List.of(), validator.validate(rec));
      }
    }
    assertEquals(3000, n);
  }

  @Test
  void proportionsArePlausible() {
    Synth synth = new Synth(1);
    int people = 50_000;
    int positive = 0;
    int idf = 0;
    int corsica = 0;
    int overseas = 0;
    int temporary = 0;
    int male = 0;
    Set<String> nirs = new HashSet<>();
    Map<String, Integer> regions = new HashMap<>();
    for (int i = 0; i < people; i++) {
      LabRecord r = synth.next();
      positive += r.result().equals("positive") ? 1 : 0;
      String region = Geography.france().department(r.department()).orElseThrow().region().code();
      regions.merge(region, 1, Integer::sum);
      idf += region.equals("11") ? 1 : 0;
      corsica += region.equals("94") ? 1 : 0;
      overseas += r.department().length() == 3 ? 1 : 0;
      Nir nir = Nir.parse(r.nir()).orThrow();
      temporary += nir.temporary() ? 1 : 0;
      male += r.sex().equals("M") ? 1 : 0;
      nirs.add(r.nir());
    }
    // Île-de-France holds about 18% of the population, Corsica 0.5%, overseas 3%.
    assertBetween(0.16, 0.20, idf / (double) people, "Île-de-France");
    assertBetween(0.002, 0.009, corsica / (double) people, "Corsica");
    assertBetween(0.02, 0.045, overseas / (double) people, "overseas");
    assertBetween(0.08, 0.12, positive / (double) people, "positive rate");
    assertBetween(0.01, 0.03, temporary / (double) people, "temporary NIRs");
    assertBetween(0.48, 0.52, male / (double) people, "men");
    assertEquals(18, regions.size(), "every region appears");
    assertTrue(nirs.size() > people * 0.99, "NIRs are nearly all distinct: " + nirs.size());
  }

  @Test
  void writeReportsProgressAndStreams() throws IOException {
    List<Long> progress = new ArrayList<>();
    CountingStream out = new CountingStream();
    Synth.write(5, 25_000, out, progress::add);
    assertEquals(List.of(10_000L, 20_000L, 25_000L), progress);
    assertTrue(out.count > 25_000L * 200, "about 300 bytes a record: " + out.count);
  }

  @Test
  void emailsAreAscii() {
    assertEquals("jeanfrancois", Synth.ascii("Jean-François"));
    assertEquals("guivarch", Synth.ascii("Guivarc'h"));
    assertEquals("legall", Synth.ascii("Le Gall"));
  }

  private static byte[] bytes(long seed, long people) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Synth.write(seed, people, out, n -> {});
    return out.toByteArray();
  }

  private static void assertBetween(double lo, double hi, double v, String what) {
    assertTrue(v >= lo && v <= hi, what + ": " + v);
  }

  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
