package io.valise.server;

import io.valise.age.Age;
import io.valise.age.FileKey;
import io.valise.age.Header;
import io.valise.age.x25519.X25519Identity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.List;

/** What a client does with age around the API: encrypt, decrypt, re-wrap, make a link header. */
final class Ages {
  private Ages() {}

  static byte[] encrypt(SecureRandom random, byte[] plaintext, X25519Identity... to)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<io.valise.age.x25519.X25519Recipient> recipients =
        java.util.Arrays.stream(to).map(X25519Identity::recipient).toList();
    try (OutputStream enc = Age.encryptingStream(out, recipients, random)) {
      enc.write(plaintext);
    }
    return out.toByteArray();
  }

  static byte[] decrypt(byte[] file, X25519Identity identity) throws IOException {
    try (InputStream in = Age.decryptingStream(new ByteArrayInputStream(file), List.of(identity))) {
      return in.readAllBytes();
    }
  }

  static Header header(byte[] bytes) throws IOException {
    return Header.parse(new ByteArrayInputStream(bytes));
  }

  /** The header re-wrapped by {@code holder} to add {@code added}, as {@code valise share} does. */
  static byte[] rewrap(
      SecureRandom random, byte[] header, X25519Identity holder, X25519Identity added)
      throws Exception {
    return header(header).rewrap(List.of(holder), List.of(added.recipient()), random).encode();
  }

  /** A header with one stanza for {@code link}, wrapping the same file key: a share link's. */
  static byte[] linkHeader(
      SecureRandom random, byte[] header, X25519Identity holder, X25519Identity link)
      throws Exception {
    try (FileKey key = header(header).unwrap(List.of(holder))) {
      return Header.seal(key, List.of(link.recipient()), random).encode();
    }
  }
}
