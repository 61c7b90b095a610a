package io.valise.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Round trip of arbitrary stanza sets through the header encoding. */
class HeaderPropertyTest {
  private static final FileKey KEY =
      FileKey.of(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"));

  /**
   * Arguments of any VCHAR, bodies of 0 to 200 bytes with the multiples of 48 (whose encoding ends
   * with an empty line) drawn often: the stanzas come back equal, the encoding is stable, and the
   * MAC still verifies.
   */
  @Property(tries = 500)
  void stanzasSurviveEncodeAndParse(@ForAll("stanzaSets") List<Stanza> stanzas) throws IOException {
    Header h = Header.withMac(stanzas, KEY);
    Header parsed = Header.parse(new ByteArrayInputStream(h.encode()));
    assertEquals(stanzas, parsed.stanzas());
    assertArrayEquals(h.encode(), parsed.encode());
    parsed.verifyMac(KEY);
  }

  @Provide
  Arbitrary<List<Stanza>> stanzaSets() {
    Arbitrary<String> arg =
        Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(30);
    Arbitrary<List<String>> args = arg.list().ofMinSize(1).ofMaxSize(6);
    Arbitrary<Integer> length =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0, 200)),
            Tuple.of(1, Arbitraries.of(0, 48, 96, 144, 192)));
    Arbitrary<byte[]> body = length.flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n));
    return Combinators.combine(args, body).as(Stanza::new).list().ofMinSize(1).ofMaxSize(8);
  }
}
