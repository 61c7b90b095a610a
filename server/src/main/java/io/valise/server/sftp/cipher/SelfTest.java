package io.valise.server.sftp.cipher;

import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;

/**
 * The check a replacement cipher passes before the gateway offers it: it must seal packets exactly
 * as MINA's own implementation of the same cipher does, open them again, and refuse a packet with
 * one bit changed (a binding that ignored the tag would pass the first two).
 */
final class SelfTest {
  private SelfTest() {}

  /** Payload lengths: one short packet, one past the SIMD loops' width, one odd. */
  private static final int[] LENGTHS = {12, 4096 + 12, 1000 + 5};

  /**
   * Runs the check.
   *
   * @throws IllegalStateException naming the check that failed
   */
  static void run(BuiltinCiphers reference, Supplier<Cipher> candidate) {
    byte[] key = pattern(reference.getKdfSize(), 11);
    // ChaCha20 reads a sequence number from bytes 0-7, GCM a fixed field from bytes 0-3 and an
    // invocation counter from bytes 4-11: both start 2 below a carry out of their low 32 bits, so
    // a byte-order mistake in either shows within the three packets.
    byte[] iv = pattern(32, 3);
    Arrays.fill(iv, 0, 4, (byte) 0);
    Arrays.fill(iv, 4, 12, (byte) 0xff);
    iv[7] = (byte) 0xfe;
    iv[11] = (byte) 0xfe;
    try {
      Cipher ours = candidate.get();
      Cipher theirs = reference.create();
      Cipher opener = candidate.get();
      ours.init(Cipher.Mode.Encrypt, key, iv.clone());
      theirs.init(Cipher.Mode.Encrypt, key, iv.clone());
      opener.init(Cipher.Mode.Decrypt, key, iv.clone());
      for (int length : LENGTHS) {
        byte[] plain = pattern(4 + length + 16, length);
        plain[0] = 0;
        plain[1] = 0;
        plain[2] = (byte) (length >>> 8);
        plain[3] = (byte) length;
        byte[] a = plain.clone();
        byte[] b = plain.clone();
        ours.updateWithAAD(a, 0, 4, length);
        theirs.updateWithAAD(b, 0, 4, length);
        expect(Arrays.equals(a, b), "sealed as MINA seals, " + length + " bytes");
        opener.updateAAD(a, 0, 4);
        opener.update(a, 4, length);
        expect(
            Arrays.equals(a, 0, 4 + length, plain, 0, 4 + length), "opened, " + length + " bytes");
      }
      byte[] bad = pattern(4 + 64 + 16, 5);
      bad[3] = 64;
      theirs.updateWithAAD(bad, 0, 4, 64);
      bad[40] ^= 1;
      opener.updateAAD(bad, 0, 4);
      expect(rejects(opener, bad), "a changed bit refused");
    } catch (Exception e) {
      throw new IllegalStateException(
          "The replacement for %s failed its self-test".formatted(reference.getName()), e);
    }
  }

  private static boolean rejects(Cipher opener, byte[] packet) throws Exception {
    try {
      opener.update(packet, 4, 64);
      return false;
    } catch (AEADBadTagException expected) {
      return true;
    }
  }

  private static byte[] pattern(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  private static void expect(boolean passed, String check) {
    if (!passed) {
      throw new IllegalStateException("Self-test check [%s] failed".formatted(check));
    }
  }
}
