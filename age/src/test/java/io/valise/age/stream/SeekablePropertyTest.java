package io.valise.age.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.valise.age.FileKey;
import io.valise.age.aead.AeadBackend;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Any byte range read through the seekable reader equals the same slice of the plaintext. */
class SeekablePropertyTest {
  @Property(tries = 60)
  void rangesEqualPlaintextSlices(
      @ForAll @IntRange(min = 0, max = 400_000) int size,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1000) int prefixLength,
      @ForAll("backends") AeadBackend backend)
      throws Exception {
    Random random = new Random(seed);
    byte[] plain = RoundTripPropertyTest.bytes(size, random);
    byte[] fileKey = RoundTripPropertyTest.bytes(FileKey.LENGTH, random);
    byte[] nonce = RoundTripPropertyTest.bytes(Payload.NONCE_LENGTH, random);
    byte[] file =
        Reference.concat(new byte[prefixLength], Reference.encrypt(fileKey, nonce, plain));

    try (var reader =
        SeekablePayload.open(new BytesChannel(file), prefixLength, FileKey.of(fileKey), backend)) {
      assertEquals(size, reader.size());
      for (int i = 0; i < 20; i++) {
        int from = random.nextInt(size + 1);
        int len = random.nextInt(Math.min(size - from, 3 * Reference.CHUNK) + 1);
        byte[] got = new byte[len];
        reader.readFully(from, got, 0, len);
        assertArrayEquals(Arrays.copyOfRange(plain, from, from + len), got, "range " + from);
      }
      // Reads past the end are clipped, and at the end report end of data.
      int from = Math.max(0, size - 10);
      ByteBuffer tail = ByteBuffer.allocate(100);
      assertEquals(size == 0 ? -1 : size - from, reader.read(from, tail));
      assertEquals(-1, reader.read(size, ByteBuffer.allocate(1)));
    }
  }

  @Provide
  Arbitrary<AeadBackend> backends() {
    return Arbitraries.of(Backends.all());
  }
}
