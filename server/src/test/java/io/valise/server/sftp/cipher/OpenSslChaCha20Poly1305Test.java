package io.valise.server.sftp.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * chacha20-poly1305@openssh.com on OpenSSL against MINA SSHD's pure-Java implementation, which
 * interoperates with OpenSSH: same keys and packets give the same bytes, each opens what the other
 * seals, and a changed bit anywhere in a packet is refused. The end-to-end test with OpenSSH's
 * {@code sftp -c chacha20-poly1305@openssh.com} is in SftpGatewayTest.
 */
class OpenSslChaCha20Poly1305Test {
  private final Random random = new Random(20261204);
  private final byte[] key = bytes(64);

  private static Cipher ours() {
    return new OpenSslChaCha20Poly1305(LibCrypto.system());
  }

  private static Cipher mina() {
    return BuiltinCiphers.cc20p1305_openssh.create();
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** MINA puts the first sequence number, big-endian, at the start of a 32-byte IV. */
  private byte[] sequence(long first) {
    byte[] iv = bytes(32);
    for (int i = 0; i < 8; i++) {
      iv[i] = (byte) (first >>> (56 - 8 * i));
    }
    return iv;
  }

  @ParameterizedTest
  @ValueSource(longs = {0L, 3L, 0x7fff_ffffL, 0xffff_fff0L})
  void sealsEveryPacketAsMinaDoes(long firstSequence) throws Exception {
    // The last start wraps past 2^32 - 1 to 0, as SSH's 32-bit sequence numbers do.
    byte[] iv = sequence(firstSequence);
    Packets.sameAsMina(
        Packets.init(ours(), Cipher.Mode.Encrypt, key, iv),
        Packets.init(mina(), Cipher.Mode.Encrypt, key, iv),
        random,
        40);
  }

  @Test
  void opensWhatMinaSealsAndMinaOpensWhatItSeals() throws Exception {
    byte[] iv = sequence(0xffff_fffeL);
    Packets.roundTrip(
        Packets.init(mina(), Cipher.Mode.Encrypt, key, iv),
        Packets.init(ours(), Cipher.Mode.Decrypt, key, iv),
        random,
        30);
    Packets.roundTrip(
        Packets.init(ours(), Cipher.Mode.Encrypt, key, iv),
        Packets.init(mina(), Cipher.Mode.Decrypt, key, iv),
        random,
        30);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 32, 4000, 8 * 1003, 8 * 1004 + 7, 8 * 1019 + 7})
  void refusesAPacketWithAnyBitChanged(int bit) throws Exception {
    // Bits 0-31 are the encrypted length, then the payload, then (from byte 1004) the tag.
    byte[] iv = sequence(7);
    Packets.refusesFlip(
        Packets.init(mina(), Cipher.Mode.Encrypt, key, iv),
        Packets.init(ours(), Cipher.Mode.Decrypt, key, iv),
        random,
        bit);
  }

  @Test
  void aRefusedPacketIsNotDecrypted() throws Exception {
    byte[] iv = sequence(1);
    Cipher opener = Packets.init(ours(), Cipher.Mode.Decrypt, key, iv);
    byte[] p = Packets.packet(random, 500);
    Packets.seal(Packets.init(mina(), Cipher.Mode.Encrypt, key, iv), p);
    p[p.length - 1] ^= 1;
    byte[] sealed = p.clone();
    opener.updateAAD(p, 0, 4);
    assertThrows(javax.crypto.AEADBadTagException.class, () -> opener.update(p, 4, 500));
    assertArrayEquals(
        java.util.Arrays.copyOfRange(sealed, 4, p.length),
        java.util.Arrays.copyOfRange(p, 4, p.length),
        "the payload is left as it came");
  }

  @Test
  void aReKeyedInstanceStartsAgain() throws Exception {
    byte[] iv = sequence(42);
    Cipher ours = Packets.init(ours(), Cipher.Mode.Encrypt, key, iv);
    Packets.sameAsMina(ours, Packets.init(mina(), Cipher.Mode.Encrypt, key, iv), random, 3);
    byte[] key2 = bytes(64);
    byte[] iv2 = sequence(5);
    ours.init(Cipher.Mode.Encrypt, key2, iv2);
    Packets.sameAsMina(ours, Packets.init(mina(), Cipher.Mode.Encrypt, key2, iv2), random, 3);
  }

  @Test
  void misuseIsRefusedWithTheReason() throws Exception {
    Cipher fresh = ours();
    IllegalStateException notReady =
        assertThrows(IllegalStateException.class, () -> fresh.updateAAD(new byte[20], 0, 4));
    assertTrue(
        String.valueOf(notReady.getMessage()).contains("not initialized"), notReady.getMessage());

    Cipher c = Packets.init(ours(), Cipher.Mode.Encrypt, key, sequence(0));
    IllegalStateException order =
        assertThrows(IllegalStateException.class, () -> c.update(new byte[40], 4, 20));
    assertTrue(
        String.valueOf(order.getMessage()).contains("length must be processed"),
        order.getMessage());
    IllegalArgumentException field =
        assertThrows(IllegalArgumentException.class, () -> c.updateAAD(new byte[40], 0, 8));
    assertTrue(String.valueOf(field.getMessage()).contains("not 4 bytes"), field.getMessage());
    c.updateAAD(new byte[40], 0, 4);
    IllegalArgumentException room =
        assertThrows(IllegalArgumentException.class, () -> c.update(new byte[40], 4, 30));
    assertTrue(String.valueOf(room.getMessage()).contains("out of bounds"), room.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ours().init(Cipher.Mode.Encrypt, bytes(32), bytes(8)));
  }

  @Test
  void describesItselfAsMinaExpects() {
    Cipher c = ours();
    // MINA's key exchange sets the sequence number in the IV of ciphers named ChaCha*.
    assertTrue(c.getAlgorithm().startsWith("ChaCha"), c.getAlgorithm());
    assertEquals(16, c.getAuthenticationTagSize());
    assertEquals(64, c.getKdfSize());
    assertEquals(8, c.getCipherBlockSize());
    assertEquals("chacha20-poly1305@openssh.com (OpenSSL)", c.toString());
  }
}
