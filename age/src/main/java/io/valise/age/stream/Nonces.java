package io.valise.age.stream;

import io.valise.age.PayloadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.SecureRandom;

/** The 16-byte payload nonce that starts every payload. */
final class Nonces {
  private Nonces() {}

  /** Returns a fresh nonce: age requires a new one per file, from a CSPRNG. */
  static byte[] generate(SecureRandom random) {
    byte[] nonce = new byte[PayloadKey.NONCE_LENGTH];
    random.nextBytes(nonce);
    return nonce;
  }

  /**
   * Reads the nonce at the start of a payload from a blocking channel.
   *
   * @throws PayloadException if the channel ends inside the nonce
   */
  static byte[] read(ReadableByteChannel in) throws IOException {
    ByteBuffer nonce = ByteBuffer.allocate(PayloadKey.NONCE_LENGTH);
    while (nonce.hasRemaining() && in.read(nonce) >= 0) {
      // a blocking channel returns at least one byte or end of stream
    }
    if (nonce.hasRemaining()) {
      throw new PayloadException(
          "Payload truncated inside its nonce: [%d] of %d bytes"
              .formatted(nonce.position(), PayloadKey.NONCE_LENGTH));
    }
    return nonce.array();
  }

  /**
   * Reads the nonce at the start of a payload.
   *
   * @throws PayloadException if the stream ends inside the nonce
   */
  static byte[] read(InputStream in) throws IOException {
    byte[] nonce = in.readNBytes(PayloadKey.NONCE_LENGTH);
    if (nonce.length != PayloadKey.NONCE_LENGTH) {
      throw new PayloadException(
          "Payload truncated inside its nonce: [%d] of %d bytes"
              .formatted(nonce.length, PayloadKey.NONCE_LENGTH));
    }
    return nonce;
  }
}
