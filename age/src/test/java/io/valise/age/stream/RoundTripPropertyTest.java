package io.valise.age.stream;

import static io.valise.age.testing.Properties.bytes;
import static io.valise.age.testing.Properties.forAll;
import static io.valise.age.testing.Properties.pick;
import static io.valise.age.testing.Properties.size;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.valise.age.FileKey;
import io.valise.age.aead.AeadBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every encryptor round-trips with every decryptor, and all agree with the reference. */
class RoundTripPropertyTest {
  /** Up to nine chunks and a bit: enough for several pipeline batches. */
  private static final int MAX_SIZE = 600_000;

  @Test
  void decryptInvertsEncrypt() {
    forAll(
        "decryptInvertsEncrypt",
        300,
        shape -> {
          int size = size(shape, MAX_SIZE);
          Encryptor encryptor = pick(shape, List.of(Encryptor.values()));
          Decryptor decryptor = pick(shape, List.of(Decryptor.values()));
          AeadBackend backend = pick(shape, Backends.all());
          byte[] plain = bytes(shape, size);
          FileKey key = FileKey.generate(new FixedRandom(bytes(shape, 8)));
          byte[] payload =
              encryptor.encrypt(plain, key, new FixedRandom(bytes(shape, 8)), backend, shape);

          assertEquals(Payload.payloadLength(size), payload.length);
          assertEquals(size, Payload.plaintextLength(payload.length));
          assertArrayEquals(plain, decryptor.decrypt(payload, key, backend, shape));
        });
  }

  @Test
  void everyEncryptorMatchesTheReference() {
    forAll(
        "everyEncryptorMatchesTheReference",
        100,
        shape -> {
          int size = size(shape, MAX_SIZE);
          Encryptor encryptor = pick(shape, List.of(Encryptor.values()));
          AeadBackend backend = pick(shape, Backends.all());
          byte[] plain = bytes(shape, size);
          byte[] fileKey = bytes(shape, FileKey.LENGTH);
          byte[] nonce = bytes(shape, Payload.NONCE_LENGTH);

          byte[] payload =
              encryptor.encrypt(plain, FileKey.of(fileKey), new FixedRandom(nonce), backend, shape);

          assertArrayEquals(Reference.encrypt(fileKey, nonce, plain), payload);
        });
  }
}
