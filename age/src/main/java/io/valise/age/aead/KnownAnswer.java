package io.valise.age.aead;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The AEAD test vector of RFC 8439 section 2.8.2 without its associated data, since age uses none.
 *
 * <p>Key, nonce, plaintext and ciphertext are the RFC's: associated data only feeds Poly1305, so
 * the ciphertext does not change. The tag is ours: computed by the JDK's SunJCE and cross-checked
 * with Bouncy Castle and against the RFC's own tag in {@code KnownAnswerTest}.
 */
final class KnownAnswer {
  private KnownAnswer() {}

  private static final HexFormat HEX = HexFormat.of();

  static byte[] key() {
    return HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
  }

  static byte[] nonce() {
    return HEX.parseHex("070000004041424344454647");
  }

  static byte[] plaintext() {
    return ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the"
            + " future, sunscreen would be it.")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Ciphertext followed by the tag over it with no associated data. */
  static byte[] sealed() {
    return HEX.parseHex(
        "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
            + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
            + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
            + "3ff4def08e4b7a9de576d26586cec64b6116"
            + "6a23a4681fd59456aea1d29f82477216");
  }
}
