package io.valise.cli;

import io.valise.age.x25519.X25519Identity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/** Test keys written as identity files. */
final class Keys {
  private static final SecureRandom RANDOM = new SecureRandom();

  final Path file;
  final String recipient;

  private Keys(Path file, String recipient) {
    this.file = file;
    this.recipient = recipient;
  }

  /** A new X25519 identity file at {@code file}. */
  static Keys x25519(Path file) throws IOException {
    try (X25519Identity id = X25519Identity.generate(RANDOM)) {
      String recipient = id.recipient().encode();
      Files.write(file, List.of("# public key: " + recipient, id.encode()));
      return new Keys(file, recipient);
    }
  }

  String path() {
    return file.toString();
  }

  static byte[] random(int size) {
    byte[] b = new byte[size];
    RANDOM.nextBytes(b);
    return b;
  }
}
