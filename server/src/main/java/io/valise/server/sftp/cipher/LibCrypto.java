package io.valise.server.sftp.cipher;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.jspecify.annotations.Nullable;

/**
 * Downcall handles into OpenSSL 3's libcrypto for raw ChaCha20 ({@code EVP_chacha20}) and Poly1305
 * ({@code EVP_MAC "POLY1305"}), the two primitives of OpenSSH's chacha20-poly1305@openssh.com.
 *
 * <p>The per-packet calls (init with an IV, update, and the MAC calls) are linked {@linkplain
 * Linker.Option#critical critical with heap access}, so MINA's packet arrays go to OpenSSL without
 * a copy. That is sound only because these functions neither call back into Java nor block, and an
 * SSH packet is at most a few hundred KiB. The age module binds its own, different, libcrypto
 * calls: it stays a library of the age format and nothing else.
 *
 * <p>Every method returns OpenSSL's own result; interpreting it is the caller's job.
 */
record LibCrypto(
    MethodHandle ctxNew,
    MethodHandle ctxFree,
    MethodHandle chacha20Cipher,
    MethodHandle encryptInit,
    MethodHandle encryptUpdate,
    MethodHandle macFetch,
    MethodHandle macCtxNew,
    MethodHandle macCtxFree,
    MethodHandle macInit,
    MethodHandle macUpdate,
    MethodHandle macFinal,
    MemorySegment poly1305) {

  /** The soname of OpenSSL 3's libcrypto on Linux (Debian package {@code libssl3}). */
  static final String LIBRARY = "libcrypto.so.3";

  /**
   * Opens {@code library}, binds every symbol we need and fetches the Poly1305 MAC once (kept for
   * the life of the JVM).
   *
   * @throws IllegalStateException naming the library, the first missing symbol, or the MAC
   */
  // Restricted: with the age module's binding, the only places Valise reaches native code. The
  // descriptors must match OpenSSL 3's prototypes in <openssl/evp.h> exactly (size_t is 64 bits
  // on the 64-bit Linux we run on).
  @SuppressWarnings("restricted")
  static LibCrypto bind(String library) {
    SymbolLookup lookup;
    try {
      lookup = SymbolLookup.libraryLookup(library, Arena.global());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Library [%s] not found".formatted(library), e);
    }
    Linker linker = Linker.nativeLinker();
    Binder plain = (name, d) -> linker.downcallHandle(find(lookup, library, name), d);
    Binder critical =
        (name, d) ->
            linker.downcallHandle(find(lookup, library, name), d, Linker.Option.critical(true));
    MethodHandle fetch =
        plain.bind("EVP_MAC_fetch", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    MemorySegment mac;
    try {
      mac =
          (MemorySegment)
              fetch.invokeExact(
                  MemorySegment.NULL, Arena.global().allocateFrom("POLY1305"), MemorySegment.NULL);
    } catch (Throwable t) {
      throw rethrow(t);
    }
    if (mac.equals(MemorySegment.NULL)) {
      throw new IllegalStateException("EVP_MAC_fetch(POLY1305) found no implementation");
    }
    return new LibCrypto(
        plain.bind("EVP_CIPHER_CTX_new", FunctionDescriptor.of(ADDRESS)),
        plain.bind("EVP_CIPHER_CTX_free", FunctionDescriptor.ofVoid(ADDRESS)),
        plain.bind("EVP_chacha20", FunctionDescriptor.of(ADDRESS)),
        critical.bind(
            "EVP_EncryptInit_ex",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS)),
        critical.bind(
            "EVP_EncryptUpdate",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT)),
        fetch,
        plain.bind("EVP_MAC_CTX_new", FunctionDescriptor.of(ADDRESS, ADDRESS)),
        plain.bind("EVP_MAC_CTX_free", FunctionDescriptor.ofVoid(ADDRESS)),
        critical.bind(
            "EVP_MAC_init", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS)),
        critical.bind(
            "EVP_MAC_update", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG)),
        critical.bind(
            "EVP_MAC_final", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG)),
        mac);
  }

  private static MemorySegment find(SymbolLookup lookup, String library, String name) {
    return lookup
        .find(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Symbol [%s] missing from library [%s]".formatted(name, library)));
  }

  /**
   * The handles into the system's libcrypto, bound on first use and kept for the life of the JVM.
   *
   * @throws IllegalStateException if the library, one of its symbols, or Poly1305 is missing
   */
  static LibCrypto system() {
    LibCrypto bound = SystemHolder.BOUND;
    if (bound == null) {
      RuntimeException failure = SystemHolder.FAILURE;
      String why = failure == null ? "unknown reason" : failure.getMessage();
      throw new IllegalStateException("OpenSSL libcrypto unavailable: " + why, failure);
    }
    return bound;
  }

  /** Holds the binding in static finals so the JIT treats the handles as constants. */
  private static final class SystemHolder {
    static final @Nullable LibCrypto BOUND;
    static final @Nullable RuntimeException FAILURE;

    static {
      LibCrypto bound = null;
      RuntimeException failure = null;
      try {
        bound = bind(LIBRARY);
      } catch (RuntimeException e) {
        // Also covers IllegalCallerException when native access is denied to this module.
        failure = e;
      }
      BOUND = bound;
      FAILURE = failure;
    }

    private SystemHolder() {}
  }

  @FunctionalInterface
  private interface Binder {
    MethodHandle bind(String name, FunctionDescriptor descriptor);
  }

  // The wrappers below only adapt invokeExact's "throws Throwable"; downcalls throw no checked
  // exception.

  MemorySegment newCipherCtx() {
    try {
      return (MemorySegment) ctxNew.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void freeCipherCtx(MemorySegment ctx) {
    try {
      ctxFree.invokeExact(ctx);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  MemorySegment chacha20() {
    try {
      return (MemorySegment) chacha20Cipher.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int encryptInit(MemorySegment ctx, MemorySegment cipher, MemorySegment key, MemorySegment iv) {
    try {
      return (int) encryptInit.invokeExact(ctx, cipher, MemorySegment.NULL, key, iv);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int encryptUpdate(
      MemorySegment ctx, MemorySegment out, MemorySegment outLen, MemorySegment in, int inLen) {
    try {
      return (int) encryptUpdate.invokeExact(ctx, out, outLen, in, inLen);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  MemorySegment newMacCtx() {
    try {
      return (MemorySegment) macCtxNew.invokeExact(poly1305);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void freeMacCtx(MemorySegment ctx) {
    try {
      macCtxFree.invokeExact(ctx);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int macInit(MemorySegment ctx, MemorySegment key) {
    try {
      return (int) macInit.invokeExact(ctx, key, key.byteSize(), MemorySegment.NULL);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int macUpdate(MemorySegment ctx, MemorySegment data) {
    try {
      return (int) macUpdate.invokeExact(ctx, data, data.byteSize());
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int macFinal(MemorySegment ctx, MemorySegment out, MemorySegment outLen) {
    try {
      return (int) macFinal.invokeExact(ctx, out, outLen, out.byteSize());
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("Unexpected checked exception from a downcall", t);
  }
}
