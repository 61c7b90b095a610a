package io.valise.age;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.valise.age.x25519.X25519Identity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bit flip and every truncation of a sealed header is caught. */
class HeaderTamperTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X25519Identity identity = X25519Identity.generate(RANDOM);
  private byte[] encoded = new byte[0];

  @BeforeEach
  void seal() throws AgeException {
    encoded = Header.seal(FileKey.generate(RANDOM), List.of(identity.recipient()), RANDOM).encode();
  }

  /**
   * A flip anywhere (version line, arguments, share, body, MAC line, line ends) is refused as
   * malformed, as no match, or by the MAC; opening the header with any key is a failure, since the
   * MAC covers every byte but itself and the MAC's own encoding is canonical.
   */
  @Test
  void everyBitFlipIsDetected() throws IOException {
    for (int bit = 0; bit < encoded.length * 8; bit++) {
      byte[] flipped = encoded.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      try {
        Header h = Header.parse(new ByteArrayInputStream(flipped));
        h.unwrap(List.of(identity));
        fail("flip of bit " + bit + " was not detected");
      } catch (HeaderException | HeaderMacException | NoIdentityMatchException e) {
        // detected
      }
    }
  }

  @Test
  void everyTruncationIsMalformed() {
    for (int n = 0; n < encoded.length; n++) {
      byte[] prefix = Arrays.copyOf(encoded, n);
      assertThrows(
          HeaderException.class,
          () -> Header.parse(new ByteArrayInputStream(prefix)),
          "truncation to " + n + " bytes");
    }
  }
}
