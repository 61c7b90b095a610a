package io.valise.age.aead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@link ChaCha20Poly1305} contract, checked the same way for every backend. */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"jdk", "openssl"})
class ChaCha20Poly1305Test {
  private static final int TAG = ChaCha20Poly1305.TAG_LENGTH;
  private static final byte FILL = 0x5a;

  private final AeadBackend backend;
  private final byte[] key = bytes(32, 1);
  private final byte[] nonce = bytes(12, 2);

  ChaCha20Poly1305Test(String backendName) {
    this.backend = TestBackends.named(backendName);
  }

  @Test
  void rfc8439KnownAnswerWithoutAssociatedData() throws AEADBadTagException {
    try (ChaCha20Poly1305 cipher = backend.newCipher(KnownAnswer.key())) {
      byte[] plaintext = KnownAnswer.plaintext();
      byte[] sealed = new byte[plaintext.length + TAG];
      assertEquals(
          sealed.length,
          cipher.seal(KnownAnswer.nonce(), plaintext, 0, plaintext.length, sealed, 0));
      assertArrayEquals(KnownAnswer.sealed(), sealed);
      byte[] opened = new byte[plaintext.length];
      assertEquals(
          opened.length, cipher.open(KnownAnswer.nonce(), sealed, 0, sealed.length, opened, 0));
      assertArrayEquals(plaintext, opened);
    }
  }

  /** Lengths around the 16-byte Poly1305 block, an age chunk, and past the 1 MiB native slice. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 63, 64, 65, 65536, 65536 + 16, (2 << 20) + 5})
  void roundTripsAtOffsetsAndMatchesTheJdk(int length) throws AEADBadTagException {
    byte[] plaintext = bytes(length, 3);
    byte[] in = new byte[length + 10];
    System.arraycopy(plaintext, 0, in, 3, length);
    byte[] sealed = new byte[length + TAG + 7];
    byte[] opened = new byte[length + 4];
    try (ChaCha20Poly1305 cipher = backend.newCipher(key)) {
      assertEquals(length + TAG, cipher.seal(nonce, in, 3, length, sealed, 5));
      assertEquals(length, cipher.open(nonce, sealed, 5, length + TAG, opened, 2));
    }
    assertArrayEquals(plaintext, Arrays.copyOfRange(opened, 2, 2 + length));
    assertArrayEquals(jdkSeal(plaintext), Arrays.copyOfRange(sealed, 5, 5 + length + TAG));
  }

  @Test
  void randomMessagesAgreeWithEveryOtherBackend() throws AEADBadTagException {
    SplittableRandom random = new SplittableRandom(8439);
    for (int i = 0; i < 200; i++) {
      byte[] messageKey = bytes(32, random.nextInt());
      byte[] messageNonce = bytes(12, random.nextInt());
      byte[] plaintext = bytes(random.nextInt(3000), random.nextInt());
      for (AeadBackend other : TestBackends.available()) {
        try (ChaCha20Poly1305 mine = backend.newCipher(messageKey);
            ChaCha20Poly1305 theirs = other.newCipher(messageKey)) {
          byte[] sealedByMe = seal(mine, messageNonce, plaintext);
          byte[] sealedByThem = seal(theirs, messageNonce, plaintext);
          assertArrayEquals(sealedByThem, sealedByMe, other.name() + " ciphertext differs");
          assertArrayEquals(plaintext, open(theirs, messageNonce, sealedByMe));
          assertArrayEquals(plaintext, open(mine, messageNonce, sealedByThem));
        }
      }
    }
  }

  @Test
  void everySingleBitFlipIsRejectedAndLeavesNoPlaintext() throws AEADBadTagException {
    byte[] plaintext = bytes(20, 4);
    try (ChaCha20Poly1305 cipher = backend.newCipher(key)) {
      byte[] sealed = seal(cipher, nonce, plaintext);
      for (int bit = 0; bit < sealed.length * 8; bit++) {
        byte[] flipped = sealed.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        byte[] out = new byte[plaintext.length];
        Arrays.fill(out, FILL);
        assertThrows(
            AEADBadTagException.class,
            () -> cipher.open(nonce, flipped, 0, flipped.length, out, 0),
            "bit " + bit);
        assertUnusable(out);
      }
      // A rejected message leaves the instance usable for the next one.
      assertArrayEquals(plaintext, open(cipher, nonce, sealed));
    }
  }

  @Test
  void truncatedOrExtendedCiphertextIsRejected() {
    try (ChaCha20Poly1305 cipher = backend.newCipher(key)) {
      byte[] sealed = seal(cipher, nonce, bytes(40, 5));
      byte[] out = new byte[sealed.length];
      for (int length = 0; length < sealed.length; length++) {
        int truncated = length;
        assertThrows(
            AEADBadTagException.class,
            () -> cipher.open(nonce, sealed, 0, truncated, out, 0),
            "length " + length);
      }
      byte[] extended = Arrays.copyOf(sealed, sealed.length + 1);
      assertThrows(
          AEADBadTagException.class,
          () -> cipher.open(nonce, extended, 0, extended.length, out, 0));
    }
  }

  @Test
  void wrongNonceOrKeyIsRejected() {
    byte[] sealed;
    try (ChaCha20Poly1305 cipher = backend.newCipher(key)) {
      sealed = seal(cipher, nonce, bytes(33, 6));
      byte[] otherNonce = nonce.clone();
      otherNonce[11] ^= 1;
      assertThrows(AEADBadTagException.class, () -> open(cipher, otherNonce, sealed));
    }
    byte[] otherKey = key.clone();
    otherKey[0] ^= 1;
    try (ChaCha20Poly1305 cipher = backend.newCipher(otherKey)) {
      assertThrows(AEADBadTagException.class, () -> open(cipher, nonce, sealed));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7})
  void worksInPlace(int offset) throws AEADBadTagException {
    byte[] plaintext = bytes(1000, 7);
    byte[] buffer = new byte[offset + plaintext.length + TAG];
    System.arraycopy(plaintext, 0, buffer, offset, plaintext.length);
    try (ChaCha20Poly1305 cipher = backend.newCipher(key)) {
      cipher.seal(nonce, buffer, offset, plaintext.length, buffer, offset);
      assertArrayEquals(jdkSeal(plaintext), Arrays.copyOfRange(buffer, offset, buffer.length));
      assertEquals(
          plaintext.length,
          cipher.open(nonce, buffer, offset, plaintext.length + TAG, buffer, offset));
      assertArrayEquals(plaintext, Arrays.copyOfRange(buffer, offset, offset + plaintext.length));
    }
  }

  @Test
  void sealingAgainUnderTheSameNonceIsDeterministic() throws AEADBadTagException {
    byte[] plaintext = bytes(50, 8);
    try (ChaCha20Poly1305 cipher = backend.newCipher(key)) {
      byte[] first = seal(cipher, nonce, plaintext);
      assertArrayEquals(first, seal(cipher, nonce, plaintext));
      assertArrayEquals(plaintext, open(cipher, nonce, first));
      assertArrayEquals(first, seal(cipher, nonce, plaintext));
    }
  }

  @Test
  void badLengthsAndRangesAreIllegalArguments() {
    for (int length : new int[] {0, 16, 31, 33, 64}) {
      assertThrows(IllegalArgumentException.class, () -> backend.newCipher(new byte[length]));
    }
    try (ChaCha20Poly1305 cipher = backend.newCipher(key)) {
      byte[] in = new byte[32];
      byte[] out = new byte[64];
      for (int length : new int[] {0, 8, 11, 13, 24}) {
        byte[] badNonce = new byte[length];
        assertThrows(
            IllegalArgumentException.class, () -> cipher.seal(badNonce, in, 0, 16, out, 0));
        assertThrows(
            IllegalArgumentException.class, () -> cipher.open(badNonce, in, 0, 32, out, 0));
      }
      assertThrows(IllegalArgumentException.class, () -> cipher.seal(nonce, in, 20, 16, out, 0));
      assertThrows(IllegalArgumentException.class, () -> cipher.seal(nonce, in, -1, 16, out, 0));
      assertThrows(IllegalArgumentException.class, () -> cipher.seal(nonce, in, 0, -1, out, 0));
      assertThrows(IllegalArgumentException.class, () -> cipher.seal(nonce, in, 0, 32, out, 20));
      assertThrows(
          IllegalArgumentException.class,
          () -> cipher.seal(nonce, in, 0, Integer.MAX_VALUE, out, 0));
      assertThrows(IllegalArgumentException.class, () -> cipher.open(nonce, in, 0, 32, out, 60));
      assertThrows(IllegalArgumentException.class, () -> cipher.open(nonce, in, 0, -1, out, 0));
      assertThrows(IllegalArgumentException.class, () -> cipher.seal(nonce, out, 0, 16, out, 1));
    }
  }

  /** Native segments, apart and in place, give the same bytes as the array form. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 64, 65536, (2 << 20) + 5})
  void nativeSegmentsMatchArraysApartAndInPlace(int length) throws AEADBadTagException {
    byte[] plaintext = bytes(length, 10);
    byte[] expected = jdkSeal(plaintext);
    try (Arena arena = Arena.ofConfined();
        ChaCha20Poly1305 cipher = backend.newCipher(key)) {
      MemorySegment in = arena.allocate(length + 3).asSlice(3);
      in.copyFrom(MemorySegment.ofArray(plaintext));
      MemorySegment sealed = arena.allocate(length + TAG + 9);
      assertEquals(length + TAG, cipher.seal(nonce, in, sealed));
      assertArrayEquals(expected, sealed.asSlice(0, length + TAG).toArray(ValueLayout.JAVA_BYTE));
      MemorySegment opened = arena.allocate(length + 1);
      assertEquals(length, cipher.open(nonce, sealed.asSlice(0, length + TAG), opened));
      assertArrayEquals(plaintext, opened.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE));

      MemorySegment buffer = arena.allocate(length + TAG);
      buffer.copyFrom(MemorySegment.ofArray(plaintext));
      cipher.seal(nonce, buffer.asSlice(0, length), buffer);
      assertArrayEquals(expected, buffer.toArray(ValueLayout.JAVA_BYTE));
      assertEquals(length, cipher.open(nonce, buffer, buffer));
      assertArrayEquals(plaintext, buffer.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE));
    }
  }

  @Test
  void heapSegmentsWorkToo() throws AEADBadTagException {
    byte[] plaintext = bytes(300, 11);
    byte[] sealed = new byte[plaintext.length + TAG];
    try (ChaCha20Poly1305 cipher = backend.newCipher(key)) {
      cipher.seal(nonce, MemorySegment.ofArray(plaintext), MemorySegment.ofArray(sealed));
      assertArrayEquals(jdkSeal(plaintext), sealed);
      byte[] opened = new byte[plaintext.length];
      cipher.open(nonce, MemorySegment.ofArray(sealed), MemorySegment.ofArray(opened));
      assertArrayEquals(plaintext, opened);
    }
  }

  @Test
  void everyBitFlipInASegmentIsRejectedAndLeavesNoPlaintext() {
    byte[] plaintext = bytes(20, 12);
    try (Arena arena = Arena.ofConfined();
        ChaCha20Poly1305 cipher = backend.newCipher(key)) {
      byte[] sealed = seal(cipher, nonce, plaintext);
      MemorySegment in = arena.allocate(sealed.length);
      MemorySegment out = arena.allocate(plaintext.length);
      for (int bit = 0; bit < sealed.length * 8; bit++) {
        in.copyFrom(MemorySegment.ofArray(sealed));
        in.set(ValueLayout.JAVA_BYTE, bit / 8, (byte) (sealed[bit / 8] ^ (1 << (bit % 8))));
        out.fill(FILL);
        assertThrows(AEADBadTagException.class, () -> cipher.open(nonce, in, out), "bit " + bit);
        assertUnusable(out.toArray(ValueLayout.JAVA_BYTE));
        // In place too: the ciphertext's room must not be left holding plaintext.
        assertThrows(
            AEADBadTagException.class, () -> cipher.open(nonce, in, in), "in place, bit " + bit);
        byte[] text = in.asSlice(0, plaintext.length).toArray(ValueLayout.JAVA_BYTE);
        assertTrue(
            Arrays.equals(text, new byte[text.length])
                || Arrays.equals(text, Arrays.copyOf(sealedFlipped(sealed, bit), text.length)),
            "in place, bit " + bit);
      }
    }
  }

  @Test
  void badSegmentArgumentsAreIllegalOrBadTags() {
    try (Arena arena = Arena.ofConfined();
        ChaCha20Poly1305 cipher = backend.newCipher(key)) {
      MemorySegment buf = arena.allocate(64);
      MemorySegment in = buf.asSlice(0, 16);
      assertThrows(
          IllegalArgumentException.class, () -> cipher.seal(new byte[11], in, buf.asSlice(32)));
      assertThrows(IllegalArgumentException.class, () -> cipher.seal(nonce, in, buf.asSlice(40)));
      assertThrows(
          IllegalArgumentException.class, () -> cipher.seal(nonce, in, buf.asSlice(1, 40)));
      assertThrows(IllegalArgumentException.class, () -> cipher.seal(nonce, in, buf.asReadOnly()));
      assertThrows(
          IllegalArgumentException.class,
          () -> cipher.open(nonce, buf.asSlice(0, 32), buf.asSlice(50)));
      assertThrows(
          IllegalArgumentException.class,
          () -> cipher.open(nonce, buf.asSlice(8, 32), buf.asSlice(0, 16)));
      assertThrows(
          AEADBadTagException.class, () -> cipher.open(nonce, buf.asSlice(0, 15), buf.asSlice(32)));
    }
  }

  private static byte[] sealedFlipped(byte[] sealed, int bit) {
    byte[] flipped = sealed.clone();
    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
    return flipped;
  }

  @Test
  void useAfterCloseFails() {
    ChaCha20Poly1305 cipher = backend.newCipher(key);
    byte[] sealed = seal(cipher, nonce, bytes(10, 9));
    cipher.close();
    cipher.close();
    byte[] out = new byte[sealed.length];
    assertThrows(IllegalStateException.class, () -> cipher.seal(nonce, out, 0, 0, out, 0));
    assertThrows(
        IllegalStateException.class, () -> cipher.open(nonce, sealed, 0, sealed.length, out, 0));
  }

  @Test
  void manyInstancesLeftToTheCleanerDoNotLeak() {
    // Not a leak detector: it checks that Cleaner-driven frees and explicit ones can interleave.
    for (int i = 0; i < 10_000; i++) {
      ChaCha20Poly1305 cipher = backend.newCipher(key);
      seal(cipher, nonce, bytes(16, i));
      if (i % 2 == 0) {
        cipher.close();
      }
    }
    System.gc();
  }

  /** After a failed open the output holds zeros or what it held before, never plaintext. */
  private static void assertUnusable(byte[] out) {
    byte[] zeros = new byte[out.length];
    byte[] untouched = new byte[out.length];
    Arrays.fill(untouched, FILL);
    assertTrue(Arrays.equals(out, zeros) || Arrays.equals(out, untouched), Arrays.toString(out));
  }

  private byte[] jdkSeal(byte[] plaintext) {
    try (ChaCha20Poly1305 jdk = AeadBackends.jdk().newCipher(key)) {
      return seal(jdk, nonce, plaintext);
    }
  }

  private static byte[] seal(ChaCha20Poly1305 cipher, byte[] nonce, byte[] plaintext) {
    byte[] out = new byte[plaintext.length + TAG];
    cipher.seal(nonce, plaintext, 0, plaintext.length, out, 0);
    return out;
  }

  private static byte[] open(ChaCha20Poly1305 cipher, byte[] nonce, byte[] sealed)
      throws AEADBadTagException {
    byte[] out = new byte[sealed.length - TAG];
    cipher.open(nonce, sealed, 0, sealed.length, out, 0);
    return out;
  }

  /** Deterministic bytes, so a failure reproduces. */
  static byte[] bytes(int length, int seed) {
    byte[] bytes = new byte[length];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }
}
