package io.valise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileOutputTest {
  @TempDir Path dir;

  @Test
  void nothingIsVisibleBeforeCommit() throws IOException {
    Path target = dir.resolve("out");
    try (Output out = AtomicFileOutput.create(target, Output.Existing.REPLACE)) {
      out.stream().write("data".getBytes(StandardCharsets.UTF_8));
      out.stream().close(); // the library closes its sink: that must not publish anything
      assertFalse(Files.exists(target));
      assertEquals(1, names().size(), "only the temporary file");
      Path temp = dir.resolve(names().get(0));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)));
      out.commit();
    }
    assertEquals("data", Files.readString(target));
    assertEquals(List.of("out"), names());
  }

  @Test
  void closeWithoutCommitLeavesNothing() throws IOException {
    Path target = dir.resolve("out");
    Files.writeString(target, "old");
    try (Output out = AtomicFileOutput.create(target, Output.Existing.REPLACE)) {
      out.stream().write(new byte[100_000]);
    }
    assertEquals("old", Files.readString(target));
    assertEquals(List.of("out"), names());
  }

  @Test
  void refuseModeNeverReplaces() throws IOException {
    Path target = dir.resolve("key");
    try (Output out = AtomicFileOutput.create(target, Output.Existing.REFUSE)) {
      out.stream().write(1);
      Files.writeString(target, "appeared meanwhile");
      assertThrows(CliException.class, out::commit);
    }
    assertEquals("appeared meanwhile", Files.readString(target));
    assertEquals(List.of("key"), names());
  }

  @Test
  void writesThroughASymlinkToItsTarget() throws IOException {
    Path real = dir.resolve("real");
    Files.writeString(real, "old");
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    try (Output out = AtomicFileOutput.create(link, Output.Existing.REPLACE)) {
      out.stream().write('n');
      out.commit();
    }
    assertEquals("n", Files.readString(real));
    assertEquals(true, Files.isSymbolicLink(link));
  }

  private List<String> names() throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
