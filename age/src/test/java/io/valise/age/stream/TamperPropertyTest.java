package io.valise.age.stream;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.valise.age.PayloadException;
import io.valise.age.aead.AeadBackend;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Any cut, any single bit flip and any appended bytes make every decryptor fail. */
class TamperPropertyTest {
  @Property(tries = 150)
  void anyTruncationIsRejected(
      @ForAll @IntRange(min = 0, max = 300_000) int size,
      @ForAll long seed,
      @ForAll Decryptor decryptor,
      @ForAll("backends") AeadBackend backend) {
    Random random = new Random(seed);
    byte[] payload = Fixtures.payload(RoundTripPropertyTest.bytes(size, random));
    byte[] cut = Arrays.copyOf(payload, random.nextInt(payload.length));
    assertThrows(PayloadException.class, () -> Fixtures.decrypt(decryptor, cut, backend));
  }

  @Property(tries = 150)
  void anyBitFlipIsRejected(
      @ForAll @IntRange(min = 0, max = 300_000) int size,
      @ForAll long seed,
      @ForAll Decryptor decryptor,
      @ForAll("backends") AeadBackend backend) {
    Random random = new Random(seed);
    byte[] payload = Fixtures.payload(RoundTripPropertyTest.bytes(size, random));
    byte[] flipped = Fixtures.flip(payload, random.nextInt(payload.length), random.nextInt(8));
    assertThrows(PayloadException.class, () -> Fixtures.decrypt(decryptor, flipped, backend));
  }

  @Property(tries = 100)
  void anyTrailingBytesAreRejected(
      @ForAll @IntRange(min = 0, max = 300_000) int size,
      @ForAll @IntRange(min = 1, max = 140_000) int extra,
      @ForAll long seed,
      @ForAll Decryptor decryptor,
      @ForAll("backends") AeadBackend backend) {
    Random random = new Random(seed);
    byte[] payload = Fixtures.payload(RoundTripPropertyTest.bytes(size, random));
    byte[] longer = Reference.concat(payload, RoundTripPropertyTest.bytes(extra, random));
    assertThrows(PayloadException.class, () -> Fixtures.decrypt(decryptor, longer, backend));
  }

  @Provide
  Arbitrary<AeadBackend> backends() {
    return Arbitraries.of(Backends.all());
  }
}
