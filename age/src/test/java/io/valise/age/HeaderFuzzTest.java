package io.valise.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.valise.age.pq.MlKem768X25519Identity;
import io.valise.age.scrypt.ScryptIdentity;
import io.valise.age.secret.Passphrase;
import io.valise.age.x25519.X25519Identity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Fuzz targets for the header, the first code that reads an uploaded file. Under plain {@code mvn
 * test} Jazzer replays the files in {@code HeaderFuzzTestInputs/<method>/} (regression mode); with
 * {@code JAZZER_FUZZ=1} it fuzzes one target (see docs/fuzzing.md).
 *
 * <p>The seeds were written for these targets: headers sealed with this library to {@link
 * #IDENTITY} (the example identity of age.md), to {@link #PQ_IDENTITY}, or to the passphrase {@code
 * fuzz} at work factor 2, all with the file key {@link #FILE_KEY}, and hand-written edge cases
 * (empty, 48- and 64-byte bodies, many arguments, non-canonical base64, CRLF, a v2 version line).
 */
class HeaderFuzzTest {
  static final String IDENTITY =
      "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
  static final byte[] FILE_KEY = HexFormat.of().parseHex("59454c4c4f57205355424d4152494e45");

  /** The identity of the age test kit's {@code hybrid} vector (CCTV, age/testdata). */
  static final String PQ_IDENTITY =
      "AGE-SECRET-KEY-PQ-1HZLGZUPT4ETPKDEV8HSGFDCYZ4E522W0A7PU2LHT8EH9W6YLNC3SW78XKG";

  /** Low, so that a hostile scrypt stanza costs microseconds, not seconds, per input. */
  private static final int MAX_WORK_FACTOR = 4;

  /**
   * Any byte string is either a header or a {@link HeaderException}; anything else thrown (a
   * runtime exception, an error, a timeout) fails the target. A parsed header is canonical: its
   * encoding is exactly the bytes the parser consumed, and parsing that encoding gives it back.
   */
  @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
  @FuzzTest(maxDuration = "5m")
  void parse(byte[] data) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(data);
    Header h;
    try {
      h = Header.parse(in);
    } catch (HeaderException e) {
      return;
    }
    byte[] encoded = h.encode();
    int consumed = data.length - in.available();
    assertEquals(encoded.length, consumed, "the parser consumed more or less than the header");
    assertArrayEquals(Arrays.copyOf(data, consumed), encoded, "accepted a non-canonical header");
    Header again = Header.parse(new ByteArrayInputStream(encoded));
    assertEquals(h.stanzas(), again.stanzas());
    assertArrayEquals(encoded, again.encode());
  }

  /**
   * Hostile stanzas reach the X25519, mlkem768x25519 and scrypt identities: every outcome is an
   * {@link AgeException} (malformed, no match, bad MAC), and success only with the seeds' file key.
   */
  @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
  @FuzzTest(maxDuration = "5m")
  void unwrap(byte[] data) throws IOException {
    Header h;
    try {
      h = Header.parse(new ByteArrayInputStream(data));
    } catch (HeaderException e) {
      return;
    }
    try (X25519Identity x = X25519Identity.parse(IDENTITY);
        MlKem768X25519Identity pq = MlKem768X25519Identity.parse(PQ_IDENTITY);
        Passphrase p = Passphrase.of("fuzz".toCharArray())) {
      FileKey key = h.unwrap(List.of(x, pq, new ScryptIdentity(p, MAX_WORK_FACTOR)));
      assertArrayEquals(FILE_KEY, key.copyBytes(), "opened with a key nobody sealed");
    } catch (HeaderException | NoIdentityMatchException | HeaderMacException e) {
      // The expected refusals.
    }
  }
}
