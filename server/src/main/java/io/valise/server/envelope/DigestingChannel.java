package io.valise.server.envelope;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes writes through to a channel and hashes exactly the bytes it accepted (SHA-256), so the
 * audit entry of an upload names the ciphertext that was stored.
 */
public final class DigestingChannel implements WritableByteChannel {
  private final WritableByteChannel out;
  private final MessageDigest sha256;

  public DigestingChannel(WritableByteChannel out) {
    this.out = out;
    this.sha256 = sha256();
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    ByteBuffer seen = src.duplicate();
    int n = out.write(src);
    seen.limit(seen.position() + n);
    sha256.update(seen);
    return n;
  }

  /** The hex SHA-256 of everything written; call once, after the last write. */
  public String hex() {
    return HexFormat.of().formatHex(sha256.digest());
  }

  @Override
  public boolean isOpen() {
    return out.isOpen();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
