package io.valise.cli;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Helpers for secrets held in arrays, which are wiped rather than left to the collector. */
final class Secrets {
  private Secrets() {}

  /**
   * Decodes the first {@code len} bytes of {@code bytes} as UTF-8 into a new array; the caller
   * wipes both. No intermediate {@link String} is made, since a string cannot be wiped.
   *
   * @throws CliException if the bytes are not valid UTF-8 (the message does not show them)
   */
  static char[] decodeUtf8(byte[] bytes, int len) throws CliException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars = CharBuffer.allocate(len);
    try {
      var result = decoder.decode(ByteBuffer.wrap(bytes, 0, len), chars, true);
      if (result.isError()) {
        result.throwException();
      }
      decoder.flush(chars);
      return Arrays.copyOf(chars.array(), chars.position());
    } catch (CharacterCodingException e) {
      throw new CliException("the passphrase is not valid UTF-8");
    } finally {
      Arrays.fill(chars.array(), '\0');
    }
  }
}
