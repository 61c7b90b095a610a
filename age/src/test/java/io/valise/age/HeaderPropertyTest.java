package io.valise.age;

import static io.valise.age.testing.Properties.bytes;
import static io.valise.age.testing.Properties.forAll;
import static io.valise.age.testing.Properties.pick;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Round trip of arbitrary stanza sets through the header encoding. */
class HeaderPropertyTest {
  private static final FileKey KEY =
      FileKey.of(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"));

  /**
   * Arguments of any VCHAR, bodies of 0 to 200 bytes with the multiples of 48 (whose encoding ends
   * with an empty line) drawn often: the stanzas come back equal, the encoding is stable, and the
   * MAC still verifies.
   */
  @Test
  void stanzasSurviveEncodeAndParse() {
    forAll(
        "stanzasSurviveEncodeAndParse",
        500,
        random -> {
          List<Stanza> stanzas = stanzas(random);
          Header h = Header.withMac(stanzas, KEY);
          Header parsed = Header.parse(new ByteArrayInputStream(h.encode()));
          assertEquals(stanzas, parsed.stanzas());
          assertArrayEquals(h.encode(), parsed.encode());
          parsed.verifyMac(KEY);
        });
  }

  static List<Stanza> stanzas(Random random) {
    List<Stanza> stanzas = new ArrayList<>();
    for (int i = 1 + random.nextInt(8); i > 0; i--) {
      List<String> args = new ArrayList<>();
      for (int j = 1 + random.nextInt(6); j > 0; j--) {
        args.add(vchars(random, 1 + random.nextInt(30)));
      }
      int length =
          random.nextInt(4) == 0 ? pick(random, List.of(0, 48, 96, 144, 192)) : random.nextInt(201);
      stanzas.add(new Stanza(args, bytes(random, length)));
    }
    return stanzas;
  }

  private static String vchars(Random random, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append((char) ('!' + random.nextInt('~' - '!' + 1)));
    }
    return sb.toString();
  }
}
