package io.valise.age.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.valise.age.FileKey;
import io.valise.age.aead.AeadBackend;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every encryptor round-trips with every decryptor, and all agree with the reference. */
class RoundTripPropertyTest {
  private static final int CHUNK = Reference.CHUNK;

  @Property(tries = 300)
  void decryptInvertsEncrypt(
      @ForAll("sizes") int size,
      @ForAll long seed,
      @ForAll Encryptor encryptor,
      @ForAll Decryptor decryptor,
      @ForAll("backends") AeadBackend backend)
      throws Exception {
    Random shape = new Random(seed);
    byte[] plain = bytes(size, shape);
    FileKey key = FileKey.generate(new FixedRandom(longBytes(seed)));
    byte[] payload =
        encryptor.encrypt(plain, key, new FixedRandom(longBytes(~seed)), backend, shape);

    assertEquals(Payload.payloadLength(size), payload.length);
    assertEquals(size, Payload.plaintextLength(payload.length));
    assertArrayEquals(plain, decryptor.decrypt(payload, key, backend, shape));
  }

  @Property(tries = 100)
  void everyEncryptorMatchesTheReference(
      @ForAll("sizes") int size,
      @ForAll long seed,
      @ForAll Encryptor encryptor,
      @ForAll("backends") AeadBackend backend)
      throws Exception {
    Random shape = new Random(seed);
    byte[] plain = bytes(size, shape);
    byte[] fileKey = bytes(FileKey.LENGTH, shape);
    byte[] nonce = bytes(Payload.NONCE_LENGTH, shape);

    byte[] payload =
        encryptor.encrypt(plain, FileKey.of(fileKey), new FixedRandom(nonce), backend, shape);

    assertArrayEquals(Reference.encrypt(fileKey, nonce, plain), payload);
  }

  @Provide
  Arbitrary<Integer> sizes() {
    return Arbitraries.oneOf(
        Arbitraries.of(0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 1),
        Arbitraries.integers()
            .between(1, 9)
            .flatMap(k -> Arbitraries.integers().between(-2, 2).map(d -> k * CHUNK + d)),
        Arbitraries.integers().between(0, 600_000));
  }

  @Provide
  Arbitrary<AeadBackend> backends() {
    return Arbitraries.of(Backends.all());
  }

  static byte[] bytes(int size, Random random) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  private static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }
}
