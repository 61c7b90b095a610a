package io.valise.server.sftp.cipher;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.jspecify.annotations.Nullable;

/**
 * chacha20-poly1305@openssh.com (OpenSSH's {@code PROTOCOL.chacha20poly1305}) on OpenSSL's raw
 * ChaCha20 and Poly1305, for Apache MINA SSHD.
 *
 * <p>The construction is not RFC 8439's AEAD. The 64 bytes of key material are two ChaCha20 keys:
 * K_2 (the first 32 bytes) for the payload, K_1 (the last 32) for the 4-byte packet length. Both
 * use the packet's sequence number as their 64-bit nonce. The length is encrypted with K_1 from
 * block 0. The first 32 bytes of K_2's block 0 are the packet's Poly1305 key; the payload is
 * encrypted with K_2 from block 1; the tag is Poly1305 over the encrypted length followed by the
 * ciphertext. OpenSSH's ChaCha20 has a 64-bit block counter and a 64-bit nonce (the 32-bit sequence
 * number written as 8 bytes big-endian), OpenSSL's a 16-byte IV that it loads as four little-endian
 * words: so the IV here is the counter as a little-endian 64-bit number, then those 8 nonce bytes.
 *
 * <p>MINA calls {@link #updateAAD} with the 4 length bytes, then {@link #update} with the rest of
 * the packet, whose tag follows it in the same array; both work in place. When decrypting, the tag
 * is checked (in constant time) before a byte of the payload is decrypted.
 *
 * <p>Keys: MINA's {@link Cipher} has no close, so each instance's three OpenSSL contexts are freed
 * by a {@link Cleaner} once MINA drops the instance (after a re-key or when the session ends), and
 * OpenSSL clears the keys it holds when it frees them. The only copy on the Java side is each
 * packet's Poly1305 key, wiped as soon as OpenSSL has it. Not thread-safe: MINA uses one instance
 * per direction, under its own lock.
 */
final class OpenSslChaCha20Poly1305 implements Cipher {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final int KEY_LENGTH = 32;
  private static final int LENGTH_FIELD = 4;
  private static final int TAG_LENGTH = 16;
  private static final int BLOCK = 64;
  private static final byte[] ZEROS = new byte[BLOCK];
  private static final long MAX_SEQUENCE = 0xffff_ffffL;

  private final LibCrypto lib;
  private final byte[] iv = new byte[16];
  private final byte[] block0 = new byte[BLOCK];
  private final byte[] encryptedLength = new byte[LENGTH_FIELD];
  private final byte[] tag = new byte[TAG_LENGTH];
  private final int[] outLen = new int[1];
  private final long[] macLen = new long[1];
  private @Nullable Contexts contexts;
  private Cleaner.@Nullable Cleanable free;
  private Mode mode = Mode.Encrypt;
  private long sequence;
  private long firstSequence;
  private boolean lengthDone;

  OpenSslChaCha20Poly1305(LibCrypto lib) {
    this.lib = lib;
  }

  /**
   * Keys both ChaCha20 contexts and sets the first sequence number, which MINA passes in the first
   * 8 bytes of {@code iv}, big-endian.
   *
   * @throws IllegalArgumentException if {@code key} is shorter than 64 bytes or {@code iv} than 8
   * @throws IllegalStateException if OpenSSL refuses a context or a key
   */
  @Override
  public void init(Mode mode, byte[] key, byte[] iv) {
    if (key.length < 2 * KEY_LENGTH || iv.length < 8) {
      throw new IllegalArgumentException(
          "Key length [%d] or IV length [%d] shorter than required [64] and [8]"
              .formatted(key.length, iv.length));
    }
    Cleaner.Cleanable previous = free;
    contexts = null;
    free = null;
    if (previous != null) {
      previous.clean();
    }
    Contexts c = Contexts.create(lib);
    Cleaner.Cleanable cleanable = CLEANER.register(this, c);
    try {
      MemorySegment k = MemorySegment.ofArray(key);
      MemorySegment chacha = lib.chacha20();
      expect(
          lib.encryptInit(c.main(), chacha, k.asSlice(0, KEY_LENGTH), MemorySegment.NULL), "K_2");
      expect(
          lib.encryptInit(
              c.header(), chacha, k.asSlice(KEY_LENGTH, KEY_LENGTH), MemorySegment.NULL),
          "K_1");
    } catch (RuntimeException e) {
      cleanable.clean();
      throw e;
    }
    this.mode = mode;
    long seq = 0;
    for (int i = 0; i < 8; i++) {
      seq = (seq << 8) | (iv[i] & 0xff);
    }
    if ((seq & ~MAX_SEQUENCE) != 0) {
      cleanable.clean();
      throw new IllegalArgumentException(
          "IV [%016x] is not an SSH packet sequence number (32 bits)".formatted(seq));
    }
    this.contexts = c;
    this.free = cleanable;
    this.sequence = seq;
    this.firstSequence = seq;
    this.lengthDone = false;
  }

  /**
   * Encrypts or decrypts the packet length in place; it must be exactly the 4 length bytes.
   *
   * @throws IllegalArgumentException if {@code length} is not 4 or the range is out of bounds
   */
  @Override
  public void updateAAD(byte[] data, int offset, int length) {
    Contexts c = ready();
    if (length != LENGTH_FIELD || offset < 0 || offset > data.length - LENGTH_FIELD) {
      throw new IllegalArgumentException(
          "Packet length field [offset %d, length %d] is not 4 bytes inside an array of [%d]"
              .formatted(offset, length, data.length));
    }
    if (mode == Mode.Decrypt) {
      System.arraycopy(data, offset, encryptedLength, 0, LENGTH_FIELD);
    }
    try {
      startKeystream(c.header());
      MemorySegment field = MemorySegment.ofArray(data).asSlice(offset, LENGTH_FIELD);
      crypt(c.header(), field);
    } finally {
      Reference.reachabilityFence(this);
    }
    if (mode == Mode.Encrypt) {
      System.arraycopy(data, offset, encryptedLength, 0, LENGTH_FIELD);
    }
    lengthDone = true;
  }

  /**
   * Encrypts {@code length} bytes in place and writes the tag after them, or checks the tag that
   * follows them and then decrypts them in place.
   *
   * @throws AEADBadTagException if the tag does not verify (nothing was decrypted)
   * @throws IllegalArgumentException if the range and the tag after it are out of bounds
   * @throws IllegalStateException if the packet length was not processed first
   */
  @Override
  public void update(byte[] data, int offset, int length) throws AEADBadTagException {
    Contexts c = ready();
    if (!lengthDone) {
      throw new IllegalStateException("The packet length must be processed before the payload");
    }
    if (offset < 0 || length < 0 || (long) offset + length + TAG_LENGTH > data.length) {
      throw new IllegalArgumentException(
          "Payload [offset %d, length %d] and its tag out of bounds for an array of [%d]"
              .formatted(offset, length, data.length));
    }
    MemorySegment all = MemorySegment.ofArray(data);
    MemorySegment body = all.asSlice(offset, length);
    try {
      startKeystream(c.main());
      MemorySegment keystream = MemorySegment.ofArray(block0);
      expect(
          lib.encryptUpdate(
              c.main(),
              keystream,
              MemorySegment.ofArray(outLen),
              MemorySegment.ofArray(ZEROS),
              BLOCK),
          "block 0");
      int rc = lib.macInit(c.mac(), keystream.asSlice(0, KEY_LENGTH));
      Arrays.fill(block0, (byte) 0);
      expect(rc, "Poly1305 key");
      expect(lib.macUpdate(c.mac(), MemorySegment.ofArray(encryptedLength)), "MAC length");
      if (mode == Mode.Decrypt) {
        expect(lib.macUpdate(c.mac(), body), "MAC");
        finishMac(c, MemorySegment.ofArray(tag));
        if (!sameTag(data, offset + length)) {
          throw new AEADBadTagException(
              "chacha20-poly1305@openssh.com tag mismatch on packet " + sequence);
        }
        crypt(c.main(), body);
      } else {
        crypt(c.main(), body);
        expect(lib.macUpdate(c.mac(), body), "MAC");
        finishMac(c, all.asSlice(offset + length, TAG_LENGTH));
      }
    } finally {
      Arrays.fill(block0, (byte) 0);
      Reference.reachabilityFence(this);
    }
    lengthDone = false;
    // SSH sequence numbers are 32 bits and wrap (RFC 4253, 6.4). Coming back to the first one
    // would reuse a nonce under the same keys: the session must re-key long before (MINA and
    // OpenSSH do after 1 GiB), so refuse rather than encrypt.
    sequence = (sequence + 1) & MAX_SEQUENCE;
    if (sequence == firstSequence) {
      Cleaner.Cleanable f = free;
      contexts = null;
      free = null;
      if (f != null) {
        f.clean();
      }
      throw new IllegalStateException(
          "Packet sequence number " + sequence + " would be reused under the same keys");
    }
  }

  private Contexts ready() {
    Contexts c = contexts;
    if (c == null) {
      throw new IllegalStateException("Cipher not initialized");
    }
    return c;
  }

  /** Sets {@code ctx}'s IV: block counter 0 (little-endian), then the sequence number. */
  private void startKeystream(MemorySegment ctx) {
    long s = sequence;
    for (int i = 0; i < 8; i++) {
      iv[i] = 0;
      iv[15 - i] = (byte) (s >>> (8 * i));
    }
    expect(
        lib.encryptInit(ctx, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.ofArray(iv)),
        "IV");
  }

  /** XORs {@code data} with the context's keystream, in place, continuing where it stands. */
  private void crypt(MemorySegment ctx, MemorySegment data) {
    int n = (int) data.byteSize();
    if (n == 0) {
      return;
    }
    int rc = lib.encryptUpdate(ctx, data, MemorySegment.ofArray(outLen), data, n);
    if (rc != 1 || outLen[0] != n) {
      throw new IllegalStateException(
          "EVP_EncryptUpdate failed: returned [%d], wrote [%d] of [%d] bytes"
              .formatted(rc, outLen[0], n));
    }
  }

  private void finishMac(Contexts c, MemorySegment out) {
    int rc = lib.macFinal(c.mac(), out, MemorySegment.ofArray(macLen));
    if (rc != 1 || macLen[0] != TAG_LENGTH) {
      throw new IllegalStateException(
          "EVP_MAC_final failed: returned [%d], wrote [%d] bytes".formatted(rc, macLen[0]));
    }
  }

  /** Compares the computed tag with the received one in time independent of where they differ. */
  private boolean sameTag(byte[] data, int at) {
    int diff = 0;
    for (int i = 0; i < TAG_LENGTH; i++) {
      diff |= tag[i] ^ data[at + i];
    }
    Arrays.fill(tag, (byte) 0);
    return diff == 0;
  }

  private static void expect(int rc, String what) {
    if (rc != 1) {
      throw new IllegalStateException("OpenSSL refused the %s: returned [%d]".formatted(what, rc));
    }
  }

  @Override
  public String getAlgorithm() {
    // MINA's key exchange puts the sequence number in the IV of a cipher whose algorithm starts
    // with "ChaCha": this name is part of the contract.
    return BuiltinCiphers.cc20p1305_openssh.getAlgorithm();
  }

  @Override
  public String getTransformation() {
    return BuiltinCiphers.cc20p1305_openssh.getTransformation();
  }

  @Override
  public int getIVSize() {
    return BuiltinCiphers.cc20p1305_openssh.getIVSize();
  }

  @Override
  public int getAuthenticationTagSize() {
    return TAG_LENGTH;
  }

  @Override
  public int getCipherBlockSize() {
    return BuiltinCiphers.cc20p1305_openssh.getCipherBlockSize();
  }

  @Override
  public int getKdfSize() {
    return 2 * KEY_LENGTH;
  }

  @Override
  public int getKeySize() {
    return BuiltinCiphers.cc20p1305_openssh.getKeySize();
  }

  @Override
  public String toString() {
    return "chacha20-poly1305@openssh.com (OpenSSL)";
  }

  /**
   * One instance's OpenSSL contexts: the length cipher (K_1), the payload cipher (K_2) and
   * Poly1305. Freeing them clears the keys inside. Holds no reference to the cipher, as a Cleaner
   * action must not.
   */
  private record Contexts(
      LibCrypto lib, MemorySegment header, MemorySegment main, MemorySegment mac)
      implements Runnable {
    static Contexts create(LibCrypto lib) {
      MemorySegment header = lib.newCipherCtx();
      MemorySegment main = lib.newCipherCtx();
      MemorySegment mac = lib.newMacCtx();
      Contexts c = new Contexts(lib, header, main, mac);
      if (header.equals(MemorySegment.NULL)
          || main.equals(MemorySegment.NULL)
          || mac.equals(MemorySegment.NULL)) {
        c.run();
        throw new IllegalStateException("OpenSSL could not allocate a cipher or MAC context");
      }
      return c;
    }

    @Override
    public void run() {
      // The free functions accept NULL.
      lib.freeCipherCtx(header);
      lib.freeCipherCtx(main);
      lib.freeMacCtx(mac);
    }
  }
}
