package io.valise.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.age.stream.Progress;
import io.valise.age.x25519.X25519Identity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The channel entry points of {@link Age}: files, non-file channels, and the stream forms agree.
 */
class AgeChannelsTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final X25519Identity ME = X25519Identity.generate(RANDOM);

  /** Around the 64 KiB chunk and the 1 MiB batch (16 chunks). */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65535, 65536, 65537, 16 * 65536, 16 * 65536 + 1, 3_000_000})
  void fileChannelsRoundTripAndMatchTheStreamForm(int length, @TempDir Path dir)
      throws IOException {
    byte[] plain = bytes(length);
    Path plainFile = Files.write(dir.resolve("plain"), plain);
    Path sealedFile = dir.resolve("sealed.age");
    try (FileChannel in = FileChannel.open(plainFile);
        FileChannel out =
            FileChannel.open(sealedFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      assertEquals(length, Age.encrypt(in, out, List.of(ME.recipient()), RANDOM, Progress.NONE));
    }
    byte[] sealed = Files.readAllBytes(sealedFile);
    ByteArrayOutputStream viaStream = new ByteArrayOutputStream();
    Age.decrypt(new ByteArrayInputStream(sealed), viaStream, List.of(ME), Progress.NONE);
    assertArrayEquals(plain, viaStream.toByteArray());

    Path openedFile = dir.resolve("opened");
    try (FileChannel in = FileChannel.open(sealedFile);
        FileChannel out =
            FileChannel.open(openedFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      assertEquals(length, Age.decrypt(in, out, List.of(ME), Progress.NONE));
    }
    assertArrayEquals(plain, Files.readAllBytes(openedFile));
  }

  @Test
  void nonFileChannelsRoundTrip() throws IOException {
    byte[] plain = bytes(2 * 1024 * 1024 + 7);
    ByteArrayOutputStream sealed = new ByteArrayOutputStream();
    Age.encrypt(
        Channels.newChannel(new ByteArrayInputStream(plain)),
        Channels.newChannel(sealed),
        List.of(ME.recipient()),
        RANDOM,
        Progress.NONE);
    ByteArrayOutputStream opened = new ByteArrayOutputStream();
    Age.decrypt(
        Channels.newChannel(new ByteArrayInputStream(sealed.toByteArray())),
        Channels.newChannel(opened),
        List.of(ME),
        Progress.NONE);
    assertArrayEquals(plain, opened.toByteArray());
  }

  @Test
  void aFileEndingInsideTheNonceIsATruncatedHeader() throws IOException {
    ByteArrayOutputStream sealed = new ByteArrayOutputStream();
    Age.encrypt(
        Channels.newChannel(new ByteArrayInputStream(new byte[0])),
        Channels.newChannel(sealed),
        List.of(ME.recipient()),
        RANDOM,
        Progress.NONE);
    byte[] all = sealed.toByteArray();
    byte[] cut = Arrays.copyOf(all, all.length - 32 + 5); // 16 nonce + 16 tag; keep 5 nonce bytes
    assertThrows(
        HeaderException.class,
        () ->
            Age.decrypt(
                Channels.newChannel(new ByteArrayInputStream(cut)),
                Channels.newChannel(new ByteArrayOutputStream()),
                List.of(ME),
                Progress.NONE));
  }

  @Test
  void aFlippedPayloadBitFailsOnAFileChannel(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream sealed = new ByteArrayOutputStream();
    Age.encrypt(
        new ByteArrayInputStream(bytes(200_000)),
        sealed,
        List.of(ME.recipient()),
        RANDOM,
        Progress.NONE);
    byte[] bad = sealed.toByteArray();
    bad[bad.length - 100] ^= 1;
    Path file = Files.write(dir.resolve("bad.age"), bad);
    try (FileChannel in = FileChannel.open(file)) {
      assertThrows(
          PayloadException.class,
          () ->
              Age.decrypt(
                  in,
                  Channels.newChannel(new ByteArrayOutputStream()),
                  List.of(ME),
                  Progress.NONE));
    }
  }

  private static byte[] bytes(int length) {
    byte[] b = new byte[length];
    new SplittableRandom(length).nextBytes(b);
    return b;
  }
}
