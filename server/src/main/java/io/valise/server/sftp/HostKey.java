package io.valise.server.sftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The gateway's SSH host key: an ECDSA P-256 key pair made at first start and kept in {@code
 * DATA/sftp-host-key} (owner-only), so clients that pinned it in {@code known_hosts} keep trusting
 * the server. The file holds two base64 lines, the PKCS#8 private key and the X.509 public key; no
 * Java serialization.
 */
final class HostKey {
  private HostKey() {}

  static KeyPair loadOrCreate(Path file, SecureRandom random) throws IOException {
    try {
      KeyFactory ec = KeyFactory.getInstance("EC");
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        if (lines.size() < 2) {
          throw new IOException(
              file + ": not a Valise SFTP host key; move it away to make a new one");
        }
        return new KeyPair(
            ec.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1)))),
            ec.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0)))));
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair pair = g.generateKeyPair();
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          tmp,
          Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
              + "\n"
              + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
              + "\n",
          StandardCharsets.US_ASCII,
          StandardOpenOption.WRITE);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return pair;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(file + ": unreadable SFTP host key (" + e.getMessage() + ")", e);
    }
  }
}
