package io.valise.core.auth;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/** The HMAC hash of a TOTP (RFC 6238 section 1.2). SHA1 is what authenticator apps expect. */
public enum TotpAlgorithm {
  SHA1,
  SHA256,
  SHA512;

  Digest digest() {
    return switch (this) {
      case SHA1 -> new SHA1Digest();
      case SHA256 -> new SHA256Digest();
      case SHA512 -> new SHA512Digest();
    };
  }
}
