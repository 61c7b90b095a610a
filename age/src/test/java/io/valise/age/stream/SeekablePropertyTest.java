package io.valise.age.stream;

import static io.valise.age.testing.Properties.bytes;
import static io.valise.age.testing.Properties.forAll;
import static io.valise.age.testing.Properties.pick;
import static io.valise.age.testing.Properties.range;
import static io.valise.age.testing.Properties.size;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.valise.age.FileKey;
import io.valise.age.aead.AeadBackend;
import io.valise.age.testing.Properties.Range;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Any byte range read through the seekable reader equals the same slice of the plaintext. */
class SeekablePropertyTest {
  @Test
  void rangesEqualPlaintextSlices() {
    forAll(
        "rangesEqualPlaintextSlices",
        60,
        random -> {
          int size = size(random, 400_000);
          int prefixLength = random.nextInt(1001);
          AeadBackend backend = pick(random, Backends.all());
          byte[] plain = bytes(random, size);
          byte[] fileKey = bytes(random, FileKey.LENGTH);
          byte[] nonce = bytes(random, Payload.NONCE_LENGTH);
          byte[] file =
              Reference.concat(new byte[prefixLength], Reference.encrypt(fileKey, nonce, plain));

          try (var reader =
              SeekablePayload.open(
                  new BytesChannel(file), prefixLength, FileKey.of(fileKey), backend)) {
            assertEquals(size, reader.size());
            for (int i = 0; i < 20; i++) {
              Range range = range(random, size, 3 * Reference.CHUNK);
              int from = range.from();
              byte[] got = new byte[range.length()];
              reader.readFully(from, got, 0, got.length);
              assertArrayEquals(
                  Arrays.copyOfRange(plain, from, from + got.length), got, "range " + range);
            }
            // Reads past the end are clipped, and at the end report end of data.
            int from = Math.max(0, size - 10);
            ByteBuffer tail = ByteBuffer.allocate(100);
            assertEquals(size == 0 ? -1 : size - from, reader.read(from, tail));
            assertEquals(-1, reader.read(size, ByteBuffer.allocate(1)));
          }
        });
  }
}
