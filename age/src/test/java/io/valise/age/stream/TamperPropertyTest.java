package io.valise.age.stream;

import static io.valise.age.testing.Properties.bytes;
import static io.valise.age.testing.Properties.forAll;
import static io.valise.age.testing.Properties.pick;
import static io.valise.age.testing.Properties.size;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Any cut, any single bit flip and any appended bytes make every decryptor fail. */
class TamperPropertyTest {
  private static final int MAX_SIZE = 300_000;

  @Test
  void anyTruncationIsRejected() {
    forAll(
        "anyTruncationIsRejected",
        150,
        random -> {
          Decryptor decryptor = pick(random, List.of(Decryptor.values()));
          AeadBackend backend = pick(random, Backends.all());
          byte[] payload = Fixtures.payload(bytes(random, size(random, MAX_SIZE)));
          byte[] cut = Arrays.copyOf(payload, random.nextInt(payload.length));
          assertThrows(PayloadException.class, () -> Fixtures.decrypt(decryptor, cut, backend));
        });
  }

  @Test
  void anyBitFlipIsRejected() {
    forAll(
        "anyBitFlipIsRejected",
        150,
        random -> {
          Decryptor decryptor = pick(random, List.of(Decryptor.values()));
          AeadBackend backend = pick(random, Backends.all());
          byte[] payload = Fixtures.payload(bytes(random, size(random, MAX_SIZE)));
          byte[] flipped =
              Fixtures.flip(payload, random.nextInt(payload.length), random.nextInt(8));
          assertThrows(PayloadException.class, () -> Fixtures.decrypt(decryptor, flipped, backend));
        });
  }

  @Test
  void anyTrailingBytesAreRejected() {
    forAll(
        "anyTrailingBytesAreRejected",
        100,
        random -> {
          Decryptor decryptor = pick(random, List.of(Decryptor.values()));
          AeadBackend backend = pick(random, Backends.all());
          byte[] payload = Fixtures.payload(bytes(random, size(random, MAX_SIZE)));
          // At least one byte, and up to two chunks past the end.
          byte[] extra = bytes(random, 1 + size(random, 140_000 - 1));
          byte[] longer = Reference.concat(payload, extra);
          assertThrows(PayloadException.class, () -> Fixtures.decrypt(decryptor, longer, backend));
        });
  }
}
