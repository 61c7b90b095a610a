package io.valise.client.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.tlog.note.RootHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The witness's memory: private, atomic, exact, and never silently reset. */
class StateDirTest {
  @TempDir Path tmp;

  private static RootHash root(int fill) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) fill);
    return RootHash.of(b);
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static List<String> names(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> String.valueOf(p.getFileName())).sorted().toList();
    }
  }

  private static final WitnessState STATE =
      new WitnessState(
          "log.example/audit", 42, root(1), Instant.parse("2026-11-25T14:00:00Z"), null);

  @Test
  void roundTripsWithAndWithoutAlarm() throws Exception {
    StateDir dir = new StateDir(tmp.resolve("w"));
    assertEquals(Optional.empty(), dir.load());

    dir.save(STATE);
    assertEquals(Optional.of(STATE), dir.load());

    Alarm alarm =
        new Alarm(
            Alarm.Kind.FORK,
            42,
            root(1),
            42,
            root(2),
            "two roots",
            "log.example/audit\n42\nAgI=\n\n— log.example/audit AAAA\n",
            Instant.parse("2026-11-25T14:01:00Z"));
    dir.save(STATE.withAlarm(alarm));
    assertEquals(Optional.of(STATE.withAlarm(alarm)), dir.load());
    dir.save(STATE.withAlarm(alarm).cleared());
    assertEquals(Optional.of(STATE), dir.load());
  }

  @Test
  void directoryIs0700FileIs0600AndNoTemporaryFileStays() throws Exception {
    Path d = tmp.resolve("w");
    Files.createDirectory(d);
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
    StateDir dir = new StateDir(d);

    dir.save(STATE);
    dir.save(STATE);

    assertEquals("rwx------", mode(d));
    assertEquals("rw-------", mode(d.resolve(StateDir.STATE)));
    assertEquals(List.of(StateDir.STATE), names(d));
  }

  @Test
  void replacementIsARenameSoAReaderNeverSeesHalfAFile() throws Exception {
    StateDir dir = new StateDir(tmp.resolve("w"));
    dir.save(STATE);
    Path file = dir.dir().resolve(StateDir.STATE);
    Object before = Files.readAttributes(file, "unix:ino").get("ino");

    dir.save(new WitnessState(STATE.origin(), 43, root(3), STATE.cosignedAt(), null));

    // a new inode: the old file was replaced whole, not rewritten in place
    Object after = Files.readAttributes(file, "unix:ino").get("ino");
    assertTrue(!java.util.Objects.equals(before, after), before + " " + after);
    assertEquals(43, dir.load().orElseThrow().size());
  }

  @Test
  void aDamagedStateIsAnErrorNeverAFreshStart() throws Exception {
    StateDir dir = new StateDir(tmp.resolve("w"));
    dir.save(STATE);
    Path file = dir.dir().resolve(StateDir.STATE);
    String good = Files.readString(file);
    for (String bad :
        List.of(
            "",
            "{",
            "[]",
            good.replace("\"size\" : 42", "\"size\" : -1"),
            good.replace("\"size\" : 42", "\"size\" : 4.5"),
            good.replace("\"origin\"", "\"orig\""),
            good.replace(root(1).base64(), "AAAA"))) {
      assertTrue(!bad.equals(good));
      Files.writeString(file, bad);
      IOException e = assertThrows(IOException.class, dir::load, bad);
      assertTrue(
          String.valueOf(e.getMessage()).contains("not a valid witness state file"),
          e.getMessage());
      assertEquals(bad, Files.readString(file));
    }
  }

  @Test
  void aDamagedStateStopsTheWitness() throws Exception {
    StateDir dir = new StateDir(tmp.resolve("w"));
    dir.save(STATE);
    Files.writeString(dir.dir().resolve(StateDir.STATE), "{}");
    var random = new java.security.SecureRandom();
    try (var logKey = io.valise.tlog.note.NoteSigner.generate("log.example/audit", random);
        var witnessKey = io.valise.tlog.note.NoteSigner.generate("w", random)) {
      MemoryLog log = new MemoryLog(logKey).append("e", 3);
      Round r =
          new Witness(
                  logKey.verifier(),
                  io.valise.tlog.note.Cosigner.of(witnessKey),
                  log,
                  dir,
                  java.time.Clock.systemUTC())
              .round();
      assertTrue(r instanceof Round.Failed, r.describe());
      assertEquals(0, log.checkpointsAsked);
      assertEquals(List.of(), log.submitted);
    }
    assertEquals("{}", Files.readString(dir.dir().resolve(StateDir.STATE)));
  }

  @Test
  void oneWitnessProcessPerDirectory() throws Exception {
    StateDir dir = new StateDir(tmp.resolve("w"));
    try (StateDir.Lock lock = dir.lock()) {
      IOException e = assertThrows(IOException.class, dir::lock);
      assertTrue(
          String.valueOf(e.getMessage()).contains("another witness is running"), e.getMessage());
      assertTrue(lock.isHeld());
    }
    try (StateDir.Lock again = dir.lock()) {
      assertTrue(again.isHeld());
    }
  }

  @Test
  void aLinkIsNotAStateDirectory() throws Exception {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    IOException e = assertThrows(IOException.class, () -> new StateDir(link).save(STATE));
    assertTrue(String.valueOf(e.getMessage()).contains("not a link"), e.getMessage());
  }
}
