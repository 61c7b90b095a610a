package io.valise.age.pq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

/**
 * The key schedule and AEAD of {@link Hpke} against RFC 9180 Appendix A.2.1 (DHKEM(X25519,
 * HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305, base mode, sequence number 0). The DHKEM itself is
 * replaced by a stand-in that returns the vector's shared secret and enc: only the KEM id enters
 * the rest of HPKE.
 */
class HpkeTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] SHARED_SECRET =
      HEX.parseHex("f50c6b9919f8bca36aee551705c53a5dc2b5cd19fb9194498d622df74a232af0");
  private static final byte[] ENC =
      HEX.parseHex("88edf95a04ab0bc3f3c31b2668c8efe3746b6632b5dd2e75e6b4e9664ced1c12");
  private static final byte[] INFO = HEX.parseHex("4f6465206f6e2061204772656369616e2055726e");
  private static final byte[] PLAINTEXT =
      HEX.parseHex("4265617574792069732074727574682c20747275746820626561757479");
  private static final byte[] AAD = HEX.parseHex("436f756e742d30");
  private static final byte[] CIPHERTEXT =
      HEX.parseHex(
          "ec454f2fbe381c7e76c4fb0f5c8fb1c5a3218e9689800cfb659f884c5b76"
              + "fee897d93e8ec1521ac1f6923871d3");

  /** Stands in for DHKEM(X25519, HKDF-SHA256), kem_id 0x0020. */
  private static final Kem FIXED_KEM =
      new Kem() {
        @Override
        public int id() {
          return 0x0020;
        }

        @Override
        public Encapsulation encapsulate(byte[] publicKey, SecureRandom random) {
          return new Encapsulation(SHARED_SECRET.clone(), ENC.clone());
        }
      };

  private static final Kem.PrivateKey FIXED_KEY =
      new Kem.PrivateKey() {
        @Override
        public Kem kem() {
          return FIXED_KEM;
        }

        @Override
        public byte[] publicKey() {
          return new byte[32];
        }

        @Override
        public byte[] decapsulate(byte[] enc) {
          return SHARED_SECRET.clone();
        }

        @Override
        public void close() {}
      };

  @Test
  void sealBaseMatchesRfc9180() throws Exception {
    Hpke.Sealed sealed =
        Hpke.sealBase(FIXED_KEM, new byte[32], INFO, AAD, PLAINTEXT, new SecureRandom());
    assertArrayEquals(ENC, sealed.enc());
    assertArrayEquals(CIPHERTEXT, sealed.ciphertext());
  }

  @Test
  void openBaseMatchesRfc9180() throws Exception {
    assertArrayEquals(PLAINTEXT, Hpke.openBase(FIXED_KEY, ENC, INFO, AAD, CIPHERTEXT));
  }

  @Test
  void openBaseRejectsTamperingAndShortInput() {
    byte[] flipped = CIPHERTEXT.clone();
    flipped[3] ^= 1;
    assertThrows(
        AEADBadTagException.class, () -> Hpke.openBase(FIXED_KEY, ENC, INFO, AAD, flipped));
    assertThrows(
        AEADBadTagException.class,
        () -> Hpke.openBase(FIXED_KEY, ENC, INFO, new byte[0], CIPHERTEXT));
    assertThrows(
        AEADBadTagException.class, () -> Hpke.openBase(FIXED_KEY, ENC, INFO, AAD, new byte[15]));
  }

  @Test
  void suiteIdIsHpkeKemKdfAead() {
    assertArrayEquals(HEX.parseHex("48504b45647a00010003"), Hpke.suiteId(0x647a));
  }
}
