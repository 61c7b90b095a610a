package io.valise.lab.incident;

import static io.valise.lab.incident.Log.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ExposureAssessorTest {
  /** Window [10h, 20h). */
  private static final Window WINDOW = new Window(at(10), at(20));

  private static Map<String, Exposure> exposed(Assessment a) {
    Map<String, Exposure> m = new TreeMap<>();
    a.envelopes().forEach(e -> m.put(e.id(), e.exposure()));
    return m;
  }

  private static String reasons(Assessment a, String id) {
    return a.envelopes().stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow()
        .reasons()
        .toString();
  }

  private static Log labAndArs() {
    return new Log()
        .account("lab1", "labo-paris")
        .account("a2", "agent-idf")
        .account("a3", "agent-idf-2")
        .account("c1", "agent-cpam");
  }

  @Test
  void aCompromisedArsAccountExposesWhatItDownloadedAndWhatItCouldDownloadInTheWindow()
      throws Exception {
    Log log =
        labAndArs()
            .upload(1, "E1", "lab1", "a2 a3", 100) // downloaded by a2 in the window
            .upload(2, "E2", "lab1", "a2 a3", 100) // addressed to a2, available, not downloaded
            .upload(3, "E3", "lab1", "a2 a3", 100) // purged before the window
            .upload(4, "E4", "lab1", "a3", 100) // not addressed to a2, downloaded by a3
            .upload(5, "E5", "lab1", "a2", 9) // expired before the window, never purged
            .upload(6, "E6", "a2", "c1", 100) // sent by a2: not exposed by a2
            .upload(7, "E7", "lab1", "c1", 100) // for the CPAM only
            .purge(8, "E3")
            .download(8, "E1", "a2", "agent-idf") // before the window: not the reason
            .download(12, "E1", "a2", "agent-idf")
            .download(13, "E4", "a3", "agent-idf-2")
            .download(14, "E7", "c1", "agent-cpam")
            .upload(21, "E8", "lab1", "a2", 100) // after the window
            .download(22, "E8", "a2", "agent-idf");
    Assessment a = log.assess(WINDOW, new Compromise(Set.of("agent-idf"), Set.of(), null, false));
    assertEquals(Map.of("E1", Exposure.READABLE, "E2", Exposure.READABLE), exposed(a));
    assertTrue(
        reasons(a, "E1")
            .contains("downloaded by compromised account agent-idf (first at " + at(12)),
        reasons(a, "E1"));
    assertTrue(reasons(a, "E2").contains("could be downloaded"), reasons(a, "E2"));
    assertEquals(List.of(), a.notes());
  }

  @Test
  void anAccountIsFoundByIdTooAndANameNeverSeenIsNoted() throws Exception {
    Log log = labAndArs().upload(1, "E1", "lab1", "a2", 100).download(12, "E1", "a2", "agent-idf");
    Assessment byId = log.assess(WINDOW, new Compromise(Set.of("a2"), Set.of(), null, false));
    assertEquals(Map.of("E1", Exposure.READABLE), exposed(byId));
    Log unnamed = new Log().upload(1, "E9", "lab1", "a9", 100);
    Assessment noName = unnamed.assess(WINDOW, new Compromise(Set.of("a9"), Set.of(), null, false));
    assertEquals(Map.of("E9", Exposure.READABLE), exposed(noName), "an id the log never named");
    assertEquals(List.of(), noName.notes());
    Assessment typo =
        log.assess(WINDOW, new Compromise(Set.of("agent-ifd"), Set.of(), null, false));
    assertEquals(Map.of(), exposed(typo));
    assertTrue(
        typo.notes().get(0).contains("'agent-ifd' does not appear"), typo.notes().toString());
  }

  @Test
  void aRecipientRemovedBeforeTheWindowCouldNotDownload() throws Exception {
    Log log =
        labAndArs()
            .upload(1, "E1", "lab1", "a2 a3", 100)
            .add("envelope.recipient.remove", 5, "envelope", "E1", "account", "a2", "via", "token")
            .upload(2, "E2", "lab1", "a3", 100)
            .add("envelope.rewrap", 15, "envelope", "E2", "added", "a2", "via", "token");
    Assessment a = log.assess(WINDOW, new Compromise(Set.of("agent-idf"), Set.of(), null, false));
    assertEquals(Map.of("E2", Exposure.READABLE), exposed(a), "added to E2 in the window");
  }

  @Test
  void aLeakedShareLinkExposesItsDownloadsAndItsEnvelopeWhileUsable() throws Exception {
    Log log =
        labAndArs()
            .upload(1, "E1", "lab1", "a2", 100)
            .upload(1, "E2", "lab1", "a2", 100)
            .upload(1, "E3", "lab1", "a2", 100)
            .upload(1, "E4", "lab1", "a2", 100)
            .upload(1, "E5", "lab1", "a2", 100)
            .add(
                "link.create",
                2,
                "actor",
                "lab1",
                "envelope",
                "E1",
                "link",
                "L1",
                "expiresAt",
                at(200).toString(),
                "password",
                "false")
            .add(
                "link.create",
                2,
                "actor",
                "lab1",
                "envelope",
                "E2",
                "link",
                "L2",
                "expiresAt",
                at(200).toString(),
                "password",
                "false")
            .add(
                "link.create",
                2,
                "actor",
                "lab1",
                "envelope",
                "E3",
                "link",
                "L3",
                "expiresAt",
                at(200).toString(),
                "password",
                "true")
            .add(
                "link.create",
                2,
                "actor",
                "lab1",
                "envelope",
                "E4",
                "link",
                "L4",
                "expiresAt",
                at(200).toString(),
                "password",
                "false")
            .add(
                "link.create",
                2,
                "actor",
                "lab1",
                "envelope",
                "E5",
                "link",
                "L5",
                "expiresAt",
                at(200).toString(),
                "maxDownloads",
                "1",
                "password",
                "false")
            .add("link.revoke", 3, "actor", "lab1", "envelope", "E4", "link", "L4")
            .linkDownload(4, "E5", "L5") // L5 used up before the window
            .linkDownload(11, "E1", "L1") // leaked, downloaded in the window
            .linkDownload(12, "E2", "L2"); // not leaked
    Assessment a =
        log.assess(WINDOW, new Compromise(Set.of(), Set.of("L1", "L3", "L4", "L5"), null, false));
    assertEquals(Map.of("E1", Exposure.READABLE, "E3", Exposure.READABLE), exposed(a));
    assertTrue(
        reasons(a, "E1").contains("downloaded through leaked share link L1"), reasons(a, "E1"));
    assertTrue(
        reasons(a, "E3").contains("could be downloaded through leaked share link L3"),
        reasons(a, "E3"));
    assertTrue(
        a.notes().toString().contains("'L5' had reached its download limit"), a.notes().toString());
  }

  @Test
  void aFullServerTheftExposesOnlyCiphertextAndSetsClearSftpUploadsApart() throws Exception {
    Log log =
        labAndArs()
            .upload(1, "E1", "lab1", "a2", 100)
            .purge(5, "E1") // gone before the theft
            .upload(2, "E2", "lab1", "a2", 100) // stored during the window
            .sftpUpload(12, "E3", "lab1", "a2", "clear") // clear ingress in the window
            .sftpUpload(3, "E4", "lab1", "a2", "clear") // clear ingress before the window
            .sftpUpload(13, "E5", "lab1", "a2", "age") // age through SFTP
            .download(14, "E2", "a2", "agent-idf") // an ordinary download changes nothing
            .upload(21, "E6", "lab1", "a2", 100); // after the window
    Assessment a = log.assess(WINDOW, new Compromise(Set.of(), Set.of(), null, true));
    assertEquals(
        Map.of(
            "E2", Exposure.CIPHERTEXT,
            "E3", Exposure.READABLE_IN_TRANSIT,
            "E4", Exposure.CIPHERTEXT,
            "E5", Exposure.CIPHERTEXT),
        exposed(a));
    assertEquals(0, a.count(Exposure.READABLE));
    assertEquals(4, a.stored());
    String draft = IncidentReport.draft(a, null, Instant.EPOCH);
    assertTrue(draft.startsWith("# DRAFT TO REVIEW"), draft);
    assertTrue(
        draft.contains("**No readable personal data was exposed by the stored data.**"), draft);
    assertTrue(draft.contains("they were readable in transit if the running server"), draft);

    Log noClear =
        labAndArs().upload(2, "E2", "lab1", "a2", 100).sftpUpload(13, "E5", "lab1", "a2", "age");
    Assessment b = noClear.assess(WINDOW, new Compromise(Set.of(), Set.of(), null, true));
    assertEquals(Map.of("E2", Exposure.CIPHERTEXT, "E5", Exposure.CIPHERTEXT), exposed(b));
    String d = IncidentReport.draft(b, null, Instant.EPOCH);
    assertTrue(d.contains("**No readable personal data was exposed.**"), d);
    assertTrue(d.contains("never sent to or stored on the server"), d);
    assertTrue(d.contains("not proposed, as the data exposed was encrypted"), d);
    assertFalse(d.contains("Personal data was exposed in readable form"), d);
  }

  @Test
  void aCompromisedNodeCountsOnlyWhileItRan() throws Exception {
    Log log =
        labAndArs()
            .add("server.start", 0, "node", "node-a", "via", "server")
            .add("server.start", 11, "node", "node-b", "via", "server")
            .upload(1, "E1", "lab1", "a2", 100)
            .purge(9, "E1") // gone before node-b started
            .upload(12, "E2", "lab1", "a2", 100)
            .sftpUpload(13, "E3", "lab1", "a2", "clear")
            .add(
                "login.success",
                14,
                "actor",
                "a3",
                "actorName",
                "agent-idf-2",
                "account",
                "a3",
                "accountName",
                "agent-idf-2",
                "method",
                "password",
                "via",
                "session")
            .add("server.stop", 15, "node", "node-b", "via", "server")
            .sftpUpload(16, "E4", "lab1", "a2", "clear") // node-b was down
            .add(
                "login.success",
                17,
                "account",
                "a2",
                "accountName",
                "agent-idf",
                "method",
                "password",
                "via",
                "session")
            .upload(17, "E5", "lab1", "a2", 100); // uploaded after node-b stopped
    Assessment a = log.assess(WINDOW, new Compromise(Set.of(), Set.of(), "node-b", false));
    assertEquals(Map.of("E2", Exposure.CIPHERTEXT, "E3", Exposure.READABLE_IN_TRANSIT), exposed(a));
    String notes = a.notes().toString();
    assertTrue(notes.contains("agent-idf-2"), notes);
    assertFalse(notes.contains("agent-idf."), notes);
    IncidentException e =
        assertThrows(
            IncidentException.class,
            () -> log.assess(WINDOW, new Compromise(Set.of(), Set.of(), "node-c", false)));
    assertEquals(
        "node 'node-c' has no server.start entry in the log; nodes seen: node-a, node-b",
        e.getMessage());
  }

  @Test
  void anEntryWithoutATimeIsRefusedNamingIt() {
    ExposureAssessor a =
        new ExposureAssessor(WINDOW, new Compromise(Set.of(), Set.of(), null, true));
    IncidentException e =
        assertThrows(IncidentException.class, () -> a.accept(Map.of("type", "envelope.upload")));
    assertEquals("entry 1: no time", e.getMessage());
  }
}
