package io.valise.lab.incident;

import static io.valise.lab.incident.FakeManifests.h;
import static io.valise.lab.incident.Log.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeopleCounterTest {
  private static final Set<String> ARS = Set.of("nir", "identity", "contact", "health_result");
  private static final Set<String> CPAM =
      Set.of("nir", "identity", "health_result", "professional");

  /** E1, E2, E4 readable (downloaded by a compromised agent); E3 only ciphertext (stolen). */
  private static Assessment assessment() throws Exception {
    Log log =
        new Log()
            .account("a2", "agent")
            .upload(1, "E1", "lab", "a2", 100)
            .upload(1, "E2", "lab", "a2", 100)
            .upload(1, "E3", "lab", "x", 100)
            .upload(1, "E4", "lab", "a2", 100)
            .download(12, "E1", "a2", "agent")
            .download(12, "E2", "a2", "agent")
            .download(12, "E4", "a2", "agent");
    return log.assess(
        new Window(at(10), at(20)), new Compromise(Set.of("agent"), Set.of(), null, true));
  }

  private static FakeManifests manifests() {
    return new FakeManifests()
        .envelope("E1", "ars-idf", ARS, h("p1"), h("n1"), h("p2"), h("n2"), h("p3"), h("n3"))
        .envelope("E2", "cpam", CPAM, h("p1"), h("n1"), h("p4"), h("n4"))
        .envelope(
            "E3",
            "ars-bretagne",
            ARS,
            h("p5"),
            h("n5"),
            h("p1"),
            h("n1"),
            "",
            h("n6"),
            "",
            h("n6"));
    // E4 has no manifest
  }

  @Test
  void countsDistinctPeopleByCategoryAndRegionUnderTheirWorstExposure() throws Exception {
    Assessment a = assessment();
    assertEquals(3, a.count(Exposure.READABLE));
    assertEquals(1, a.count(Exposure.CIPHERTEXT));
    PeopleCount c = PeopleCounter.count(a, manifests(), Regions.france());

    PeopleCount.Level r = c.level(Exposure.READABLE);
    assertEquals(4, r.people(), "p1 p2 p3 p4");
    assertEquals(5, r.records());
    assertEquals(2, r.envelopes());
    assertEquals(1, r.withoutManifest(), "E4");
    assertEquals(
        Map.of("contact", 3L, "health_result", 4L, "identity", 4L, "nir", 4L, "professional", 2L),
        r.byCategory());
    assertEquals(Map.of("Île-de-France", 3L, Regions.UNKNOWN, 1L), r.byRegion());

    PeopleCount.Level x = c.level(Exposure.CIPHERTEXT);
    assertEquals(2, x.people(), "p5 and the person without a NIR; p1 counts as readable");
    assertEquals(4, x.records());
    assertEquals(Map.of("Bretagne", 2L), x.byRegion());
    assertEquals(0, c.level(Exposure.READABLE_IN_TRANSIT).people());
    assertEquals(6, c.total());

    String draft = IncidentReport.draft(a, c, Instant.EPOCH);
    assertTrue(draft.contains("- People: 4\n- Records: 5\n"), draft);
    assertTrue(draft.contains("- By region: region unknown 1, Île-de-France 3\n"), draft);
    assertTrue(draft.contains("Personal data was exposed in readable form"), draft);
  }

  @Test
  void theAffectedListHasOneLinePerPersonAndReadsBack() throws Exception {
    PeopleCount c = PeopleCounter.count(assessment(), manifests(), Regions.france());
    StringWriter w = new StringWriter();
    c.writeAffected(w);
    String text = w.toString();
    assertTrue(text.startsWith(AffectedCsv.HEADER + "\r\n"), text);
    assertTrue(
        text.contains(
            h("p1")
                + ","
                + h("n1")
                + ",readable,contact health_result identity nir professional\r\n"),
        text);
    assertTrue(
        text.contains("\r\n," + h("n6") + ",ciphertext,contact health_result identity nir\r\n"),
        text);
    List<AffectedCsv.Row> rows = new ArrayList<>();
    AffectedCsv in = AffectedCsv.open(new StringReader(text));
    for (AffectedCsv.Row row = in.next(); row != null; row = in.next()) {
      rows.add(row);
    }
    assertEquals(6, rows.size());
    assertEquals(4, rows.stream().filter(x -> x.exposure() == Exposure.READABLE).count());
  }

  @Test
  void aMalformedHashInAManifestIsRefused() throws Exception {
    FakeManifests bad = new FakeManifests().envelope("E1", "ars-idf", ARS, "zz", h("n1"));
    IncidentException e =
        assertThrows(
            IncidentException.class,
            () -> PeopleCounter.count(assessment(), bad, Regions.france()));
    assertEquals(
        "manifest of envelope E1, person 1: a hash is not 64 lower-case hex digits",
        e.getMessage());
  }
}
