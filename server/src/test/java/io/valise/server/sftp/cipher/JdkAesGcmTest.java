package io.valise.server.sftp.cipher;

import java.util.Random;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The AES-GCM ciphers that decrypt out of place against MINA SSHD's own: the same bytes for the
 * same keys and packets, each opens what the other seals, a changed bit is refused.
 */
class JdkAesGcmTest {
  private final Random random = new Random(5647);

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** An IV whose invocation counter (bytes 4-11) is 3 below a carry out of its low 32 bits. */
  private byte[] iv() {
    byte[] iv = bytes(32);
    for (int i = 8; i < 12; i++) {
      iv[i] = (byte) 0xff;
    }
    iv[11] = (byte) 0xfd;
    return iv;
  }

  @ParameterizedTest
  @EnumSource(
      value = BuiltinCiphers.class,
      names = {"aes128gcm", "aes256gcm"})
  void sealsAndOpensAsMinaDoes(BuiltinCiphers which) throws Exception {
    byte[] key = bytes(which.getKdfSize());
    byte[] iv = iv();
    Packets.sameAsMina(
        Packets.init(new JdkAesGcm(which), Cipher.Mode.Encrypt, key, iv),
        Packets.init(which.create(), Cipher.Mode.Encrypt, key, iv),
        random,
        40);
    Packets.roundTrip(
        Packets.init(which.create(), Cipher.Mode.Encrypt, key, iv),
        Packets.init(new JdkAesGcm(which), Cipher.Mode.Decrypt, key, iv),
        random,
        30);
    Packets.roundTrip(
        Packets.init(new JdkAesGcm(which), Cipher.Mode.Encrypt, key, iv),
        Packets.init(which.create(), Cipher.Mode.Decrypt, key, iv),
        random,
        30);
  }

  @ParameterizedTest
  @EnumSource(
      value = BuiltinCiphers.class,
      names = {"aes128gcm", "aes256gcm"})
  void refusesAPacketWithABitChanged(BuiltinCiphers which) throws Exception {
    // The length (authenticated in clear), the payload, and the tag (from byte 1004).
    for (int bit : new int[] {5, 3000, 8 * 1010}) {
      byte[] key = bytes(which.getKdfSize());
      byte[] iv = iv();
      Packets.refusesFlip(
          Packets.init(which.create(), Cipher.Mode.Encrypt, key, iv),
          Packets.init(new JdkAesGcm(which), Cipher.Mode.Decrypt, key, iv),
          random,
          bit);
    }
  }
}
