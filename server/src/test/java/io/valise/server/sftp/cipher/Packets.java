package io.valise.server.sftp.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import org.apache.sshd.common.cipher.Cipher;

/**
 * SSH packets as MINA lays them out for an AEAD cipher: 4 length bytes, the payload, room for the
 * 16-byte tag; and the checks the cipher tests share.
 */
final class Packets {
  static final int TAG = 16;

  private Packets() {}

  /** A packet whose length field says {@code length} and whose payload is random. */
  static byte[] packet(Random random, int length) {
    byte[] p = new byte[4 + length + TAG];
    random.nextBytes(p);
    p[0] = (byte) (length >>> 24);
    p[1] = (byte) (length >>> 16);
    p[2] = (byte) (length >>> 8);
    p[3] = (byte) length;
    Arrays.fill(p, 4 + length, p.length, (byte) 0);
    return p;
  }

  /** Payload lengths as an SFTP transfer makes them, with odd and tiny ones among them. */
  static int[] lengths(Random random, int count) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] =
          switch (i % 4) {
            case 0 -> 32768 + 28;
            case 1 -> 8 + random.nextInt(64);
            case 2 -> 1 + random.nextInt(70_000);
            default -> 64 * (1 + random.nextInt(600));
          };
    }
    return out;
  }

  static Cipher init(Cipher c, Cipher.Mode mode, byte[] key, byte[] iv) throws Exception {
    c.init(mode, key.clone(), iv.clone());
    return c;
  }

  static void seal(Cipher c, byte[] packet) throws Exception {
    c.updateWithAAD(packet, 0, 4, packet.length - 4 - TAG);
  }

  static void open(Cipher c, byte[] packet) throws Exception {
    c.updateAAD(packet, 0, 4);
    c.update(packet, 4, packet.length - 4 - TAG);
  }

  /** Seals {@code count} packets with both and expects the same bytes, tags included. */
  static void sameAsMina(Cipher ours, Cipher mina, Random random, int count) throws Exception {
    for (int length : lengths(random, count)) {
      byte[] a = packet(random, length);
      byte[] b = a.clone();
      seal(ours, a);
      seal(mina, b);
      assertArrayEquals(b, a, "packet of " + length + " bytes");
    }
  }

  /** Seals with {@code sealer}, opens with {@code opener}: the plaintext comes back. */
  static void roundTrip(Cipher sealer, Cipher opener, Random random, int count) throws Exception {
    for (int length : lengths(random, count)) {
      byte[] plain = packet(random, length);
      byte[] p = plain.clone();
      seal(sealer, p);
      open(opener, p);
      assertArrayEquals(
          Arrays.copyOf(plain, 4 + length), Arrays.copyOf(p, 4 + length), length + " bytes");
    }
  }

  /**
   * One packet sealed by {@code sealer} with bit {@code bit} flipped is refused by {@code opener}.
   */
  static void refusesFlip(Cipher sealer, Cipher opener, Random random, int bit) throws Exception {
    byte[] p = packet(random, 1000);
    seal(sealer, p);
    p[bit / 8] ^= (byte) (1 << (bit % 8));
    opener.updateAAD(p, 0, 4);
    assertThrows(AEADBadTagException.class, () -> opener.update(p, 4, 1000), "bit " + bit);
  }
}
