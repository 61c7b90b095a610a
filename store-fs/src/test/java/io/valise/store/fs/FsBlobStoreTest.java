package io.valise.store.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.blob.BlobExistsException;
import io.valise.core.blob.BlobNotFoundException;
import io.valise.core.blob.BlobStore;
import io.valise.core.id.BlobId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsBlobStoreTest {
  private final SecureRandom random = new SecureRandom();
  @TempDir Path dir;

  @Test
  void committedBlobsAreReadWholeAndByRange() throws IOException {
    FsBlobStore store = FsBlobStore.open(dir.resolve("blobs"));
    byte[] data = bytes(1 << 20);
    BlobId id = put(store, data);

    assertEquals(OptionalLong.of(data.length), store.size(id));
    assertArrayEquals(data, read(store, id, 0, data.length));
    assertArrayEquals(Arrays.copyOfRange(data, 65_000, 200_000), read(store, id, 65_000, 135_000));
    assertArrayEquals(new byte[0], read(store, id, data.length, 0));
    assertEquals(List.of(id), store.list());
  }

  @Test
  void channelsWriteAfterTheStreamAndRangesAreCopiedFromMappings() throws IOException {
    FsBlobStore store = FsBlobStore.open(dir);
    byte[] data = bytes(300_000);
    BlobId id = BlobId.random(random);
    try (BlobStore.Staged staged = store.stage(id)) {
      staged.output().write(data, 0, 1000); // buffered: must land before what the channel writes
      ByteBuffer rest = ByteBuffer.allocateDirect(data.length - 1000);
      rest.put(data, 1000, data.length - 1000).flip();
      assertEquals(data.length - 1000, staged.channel().write(rest));
      assertEquals(data.length, staged.commit());
    }
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    store.copyTo(id, 65_000, 50_000, Channels.newChannel(got));
    assertArrayEquals(Arrays.copyOfRange(data, 65_000, 115_000), got.toByteArray());
    got.reset();
    store.copyTo(id, 0, data.length, Channels.newChannel(got));
    assertArrayEquals(data, got.toByteArray());
    assertThrows(
        IllegalArgumentException.class,
        () -> store.copyTo(id, 1, data.length, Channels.newChannel(new ByteArrayOutputStream())));
  }

  @Test
  void copiesCrossMappingWindows() throws IOException {
    FsBlobStore store = FsBlobStore.open(dir);
    byte[] data = bytes((int) (FsBlobStore.MAP_WINDOW + 123_457));
    BlobId id = put(store, data);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    long from = FsBlobStore.MAP_WINDOW - 1000;
    store.copyTo(id, from, 3000, Channels.newChannel(got));
    assertArrayEquals(Arrays.copyOfRange(data, (int) from, (int) from + 3000), got.toByteArray());
    got.reset();
    store.copyTo(id, 7, data.length - 7, Channels.newChannel(got));
    assertArrayEquals(Arrays.copyOfRange(data, 7, data.length), got.toByteArray());
  }

  @Test
  void rangesOutsideTheBlobAreRefused() throws IOException {
    FsBlobStore store = FsBlobStore.open(dir);
    BlobId id = put(store, bytes(100));
    assertThrows(IllegalArgumentException.class, () -> store.open(id, -1, 10));
    assertThrows(IllegalArgumentException.class, () -> store.open(id, 0, 101));
    assertThrows(IllegalArgumentException.class, () -> store.open(id, 101, 0));
    assertThrows(IllegalArgumentException.class, () -> store.open(id, 50, Long.MAX_VALUE));
    assertThrows(BlobNotFoundException.class, () -> store.open(BlobId.random(random), 0, 0));
  }

  @Test
  void abortAndCloseWithoutCommitLeaveNothing() throws IOException {
    FsBlobStore store = FsBlobStore.open(dir);
    BlobId aborted = BlobId.random(random);
    BlobStore.Staged staged = store.stage(aborted);
    staged.output().write(bytes(1000));
    staged.abort();
    staged.abort(); // idempotent

    BlobId dropped = BlobId.random(random);
    try (BlobStore.Staged s = store.stage(dropped)) {
      s.output().write(bytes(10));
    }
    assertEquals(List.of(), store.list());
    assertEquals(OptionalLong.empty(), store.size(aborted));
    assertEquals(0, files(dir).size(), "no temporary file left");
    assertThrows(IllegalStateException.class, staged::commit);
  }

  @Test
  void aStagedBlobThatACrashNeverCommittedIsInvisibleAndSwept() throws IOException {
    FsBlobStore before = FsBlobStore.open(dir);
    BlobId committed = put(before, bytes(10));
    BlobId interrupted = BlobId.random(random);
    BlobStore.Staged staged = before.stage(interrupted);
    staged.output().write(bytes(5000));
    staged.output().flush();
    // The process "dies" here: no commit, no abort. A restart opens the same directory.

    FsBlobStore after = FsBlobStore.open(dir);
    assertEquals(List.of(committed), after.list());
    assertThrows(BlobNotFoundException.class, () -> after.open(interrupted, 0, 0));
    assertEquals(OptionalLong.empty(), after.size(interrupted));
    assertEquals(2, files(dir).size());

    assertEquals(1, after.sweepOrphans());
    assertEquals(List.of(dir.resolve(committed.text())), files(dir));
    assertEquals(0, after.sweepOrphans());
    staged.close(); // releases the file handle the "dead" writer still held
  }

  @Test
  void blobsAreNeverOverwrittenAndDeleteIsFinal() throws IOException {
    FsBlobStore store = FsBlobStore.open(dir);
    BlobId id = put(store, bytes(10));
    assertThrows(BlobExistsException.class, () -> store.stage(id));
    assertTrue(store.delete(id));
    assertFalse(store.delete(id));
    assertThrows(BlobNotFoundException.class, () -> store.open(id, 0, 0));
  }

  @Test
  void writtenAtIsTheCommittedFilesTimeAndEmptyForNoBlob() throws IOException {
    FsBlobStore store = FsBlobStore.open(dir);
    BlobId id = put(store, bytes(10));
    Instant then = Instant.parse("2026-01-02T03:04:05Z");
    Files.setLastModifiedTime(store.path(id), FileTime.from(then));
    assertEquals(Optional.of(then), store.writtenAt(id));
    assertEquals(Optional.empty(), store.writtenAt(BlobId.random(random)));
    assertTrue(store.delete(id));
    assertEquals(Optional.empty(), store.writtenAt(id));
  }

  @Test
  void onlyFilesNamedByValidIdsAreBlobs() throws IOException {
    FsBlobStore store = FsBlobStore.open(dir);
    BlobId id = put(store, bytes(3));
    Files.writeString(dir.resolve("README"), "not a blob");
    Files.writeString(dir.resolve(id.text().toUpperCase(Locale.ROOT)), "not a blob");
    Files.createDirectory(dir.resolve(BlobId.random(random).text()));
    assertEquals(List.of(id), store.list());
    // Ids are the only way to name a blob, and a path-like id cannot be made.
    assertThrows(IllegalArgumentException.class, () -> BlobId.parse("../../etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> BlobId.parse("aaaaaaaaaaaaaaaaaaaaaaaa/a"));
    assertEquals(dir.resolve(id.text()), store.path(id));
  }

  private BlobId put(FsBlobStore store, byte[] data) throws IOException {
    BlobId id = BlobId.random(random);
    try (BlobStore.Staged staged = store.stage(id)) {
      staged.output().write(data);
      assertEquals(data.length, staged.commit());
    }
    return id;
  }

  private static byte[] read(FsBlobStore store, BlobId id, long offset, long length)
      throws IOException {
    try (InputStream in = store.open(id, offset, length)) {
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
