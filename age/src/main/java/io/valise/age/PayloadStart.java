package io.valise.age;

import io.valise.age.stream.Payload;
import io.valise.age.stream.Peek;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;

/**
 * The start of the payload on a channel just past the header. The age test kit counts a file that
 * ends inside the payload nonce as a truncated header, so the nonce is checked with the header,
 * before any identity is tried; the payload code then reads it again.
 */
final class PayloadStart {
  private PayloadStart() {}

  /**
   * Reads the payload nonce from {@code in} and returns a channel that yields the whole payload,
   * nonce first: {@code in} itself moved back when it is a seekable file, else a channel that
   * replays the nonce and then reads on from {@code in}.
   *
   * @throws HeaderException if {@code in} ends inside the nonce
   * @throws IOException if reading fails
   */
  static ReadableByteChannel requireNonce(ReadableByteChannel in) throws IOException {
    byte[] nonce = Peek.read(in, Payload.NONCE_LENGTH);
    if (nonce.length < Payload.NONCE_LENGTH) {
      throw new HeaderException(
          "File truncated after the header: the %d-byte payload nonce is missing"
              .formatted(Payload.NONCE_LENGTH));
    }
    return Peek.replay(nonce, in);
  }
}
