package io.valise.age.aead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LibCryptoTest {
  @Test
  void missingLibraryIsNamed() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> LibCrypto.bind("libvalise-nothing.so.9"));
    assertEquals("Library [libvalise-nothing.so.9] not found", e.getMessage());
  }

  @Test
  void missingSymbolIsNamed() {
    // The C library loads everywhere we run, and has no EVP functions.
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> LibCrypto.bind("libc.so.6"));
    assertEquals("Symbol [EVP_CIPHER_CTX_new] missing from library [libc.so.6]", e.getMessage());
  }
}
