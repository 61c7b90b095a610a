package io.valise.age.aead;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.jspecify.annotations.Nullable;

/**
 * Downcall handles into OpenSSL 3's libcrypto for the EVP ChaCha20-Poly1305 calls we make.
 *
 * <p>The hot calls (init, ctrl, update, final) are linked {@linkplain Linker.Option#critical
 * critical with heap access}, so {@code byte[]} and {@code int[]} heap segments go straight to
 * OpenSSL with no copy into native memory. That is sound only because these functions neither call
 * back into Java nor block; callers keep each call short (see {@link OpenSslChaCha20Poly1305}).
 *
 * <p>Every method returns OpenSSL's own result code; interpreting it is the caller's job.
 */
record LibCrypto(
    MethodHandle ctxNew,
    MethodHandle ctxFree,
    MethodHandle chacha20Poly1305,
    MethodHandle encryptInit,
    MethodHandle decryptInit,
    MethodHandle ctrl,
    MethodHandle encryptUpdate,
    MethodHandle decryptUpdate,
    MethodHandle encryptFinal,
    MethodHandle decryptFinal) {

  /** The soname of OpenSSL 3's libcrypto on Linux (Debian package {@code libssl3}). */
  static final String LIBRARY = "libcrypto.so.3";

  static final int EVP_CTRL_AEAD_SET_IVLEN = 0x9;
  static final int EVP_CTRL_AEAD_GET_TAG = 0x10;
  static final int EVP_CTRL_AEAD_SET_TAG = 0x11;

  private static final FunctionDescriptor INIT =
      FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
  private static final FunctionDescriptor UPDATE =
      FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT);
  private static final FunctionDescriptor FINAL =
      FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS);

  /**
   * Opens {@code library} and binds every symbol we need.
   *
   * @throws IllegalStateException naming the library or the first missing symbol
   */
  // Restricted: this is the one place Valise reaches native code, and the descriptors above must
  // match OpenSSL 3's prototypes in <openssl/evp.h> exactly.
  @SuppressWarnings("restricted")
  static LibCrypto bind(String library) {
    SymbolLookup lookup;
    try {
      // The global arena keeps the library loaded for the life of the JVM, as the handles need.
      lookup = SymbolLookup.libraryLookup(library, Arena.global());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Library [%s] not found".formatted(library), e);
    }
    Linker linker = Linker.nativeLinker();
    Binder plain =
        (name, descriptor) -> linker.downcallHandle(find(lookup, library, name), descriptor);
    Binder critical =
        (name, descriptor) ->
            linker.downcallHandle(
                find(lookup, library, name), descriptor, Linker.Option.critical(true));
    return new LibCrypto(
        plain.bind("EVP_CIPHER_CTX_new", FunctionDescriptor.of(ADDRESS)),
        plain.bind("EVP_CIPHER_CTX_free", FunctionDescriptor.ofVoid(ADDRESS)),
        plain.bind("EVP_chacha20_poly1305", FunctionDescriptor.of(ADDRESS)),
        critical.bind("EVP_EncryptInit_ex", INIT),
        critical.bind("EVP_DecryptInit_ex", INIT),
        critical.bind(
            "EVP_CIPHER_CTX_ctrl",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS)),
        critical.bind("EVP_EncryptUpdate", UPDATE),
        critical.bind("EVP_DecryptUpdate", UPDATE),
        critical.bind("EVP_EncryptFinal_ex", FINAL),
        critical.bind("EVP_DecryptFinal_ex", FINAL));
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
   * @throws IllegalStateException if the library or one of its symbols is missing
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
        // Also covers IllegalCallerException when native access is denied for this module.
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

  MemorySegment newCtx() {
    try {
      return (MemorySegment) ctxNew.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void freeCtx(MemorySegment ctx) {
    try {
      ctxFree.invokeExact(ctx);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  MemorySegment cipher() {
    try {
      return (MemorySegment) chacha20Poly1305.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int init(
      boolean encrypt,
      MemorySegment ctx,
      MemorySegment cipher,
      MemorySegment key,
      MemorySegment iv) {
    try {
      return encrypt
          ? (int) encryptInit.invokeExact(ctx, cipher, MemorySegment.NULL, key, iv)
          : (int) decryptInit.invokeExact(ctx, cipher, MemorySegment.NULL, key, iv);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int ctrl(MemorySegment ctx, int type, int arg, MemorySegment ptr) {
    try {
      return (int) ctrl.invokeExact(ctx, type, arg, ptr);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int update(
      boolean encrypt,
      MemorySegment ctx,
      MemorySegment out,
      MemorySegment outLen,
      MemorySegment in,
      int inLen) {
    try {
      return encrypt
          ? (int) encryptUpdate.invokeExact(ctx, out, outLen, in, inLen)
          : (int) decryptUpdate.invokeExact(ctx, out, outLen, in, inLen);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int doFinal(boolean encrypt, MemorySegment ctx, MemorySegment out, MemorySegment outLen) {
    try {
      return encrypt
          ? (int) encryptFinal.invokeExact(ctx, out, outLen)
          : (int) decryptFinal.invokeExact(ctx, out, outLen);
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
