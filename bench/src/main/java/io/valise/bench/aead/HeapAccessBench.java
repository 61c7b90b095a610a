package io.valise.bench.aead;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does passing byte[] to OpenSSL as heap segments in critical downcalls beat copying them through
 * native memory? Both benchmarks seal 64 KiB with the same EVP calls the OpenSSL backend makes;
 * only the way bytes reach libcrypto differs. The handful of bindings is repeated here rather than
 * opened up in the age module, whose binding is package-private on purpose.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
// JMH calls @Setup before any @Benchmark method, which NullAway cannot see.
@SuppressWarnings({"NullAway.Init", "restricted"})
public class HeapAccessBench {
  private static final int LENGTH = AeadBench.LENGTH;
  private static final int TAG = 16;
  private static final int EVP_CTRL_AEAD_GET_TAG = 0x10;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBCRYPTO =
      SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
  private static final FunctionDescriptor INIT =
      FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
  private static final FunctionDescriptor UPDATE =
      FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT);
  private static final FunctionDescriptor FINAL =
      FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
  private static final FunctionDescriptor CTRL =
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS);

  private static final MethodHandle CTX_NEW =
      bind("EVP_CIPHER_CTX_new", FunctionDescriptor.of(ADDRESS));
  private static final MethodHandle CTX_FREE =
      bind("EVP_CIPHER_CTX_free", FunctionDescriptor.ofVoid(ADDRESS));
  private static final MethodHandle CIPHER =
      bind("EVP_chacha20_poly1305", FunctionDescriptor.of(ADDRESS));

  private static final MethodHandle INIT_PLAIN = bind("EVP_EncryptInit_ex", INIT);
  private static final MethodHandle UPDATE_PLAIN = bind("EVP_EncryptUpdate", UPDATE);
  private static final MethodHandle FINAL_PLAIN = bind("EVP_EncryptFinal_ex", FINAL);
  private static final MethodHandle CTRL_PLAIN = bind("EVP_CIPHER_CTX_ctrl", CTRL);

  private static final Linker.Option HEAP = Linker.Option.critical(true);
  private static final MethodHandle INIT_HEAP = bind("EVP_EncryptInit_ex", INIT, HEAP);
  private static final MethodHandle UPDATE_HEAP = bind("EVP_EncryptUpdate", UPDATE, HEAP);
  private static final MethodHandle FINAL_HEAP = bind("EVP_EncryptFinal_ex", FINAL, HEAP);
  private static final MethodHandle CTRL_HEAP = bind("EVP_CIPHER_CTX_ctrl", CTRL, HEAP);

  private final byte[] nonce = new byte[12];
  private final byte[] plaintext = new byte[LENGTH];
  private final byte[] out = new byte[LENGTH + TAG];
  private final int[] outLen = new int[1];
  private Arena arena;
  private MemorySegment ctx;
  private MemorySegment nativeNonce;
  private MemorySegment nativeIn;
  private MemorySegment nativeOut;
  private MemorySegment nativeOutLen;

  @Setup
  public void setUp() throws Throwable {
    byte[] key = new byte[32];
    SplittableRandom random = new SplittableRandom(1);
    random.nextBytes(key);
    random.nextBytes(plaintext);
    arena = Arena.ofConfined();
    nativeNonce = arena.allocate(nonce.length);
    nativeIn = arena.allocate(LENGTH);
    nativeOut = arena.allocate(LENGTH + TAG);
    nativeOutLen = arena.allocate(JAVA_INT);
    ctx = (MemorySegment) CTX_NEW.invokeExact();
    MemorySegment none = MemorySegment.NULL;
    MemorySegment cipher = (MemorySegment) CIPHER.invokeExact();
    check((int) INIT_HEAP.invokeExact(ctx, cipher, none, MemorySegment.ofArray(key), none));
  }

  @TearDown
  public void tearDown() throws Throwable {
    CTX_FREE.invokeExact(ctx);
    arena.close();
  }

  /** Heap segments straight into critical downcalls: what the OpenSSL backend does. */
  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public int sealCriticalHeap(CpuMeter meter) throws Throwable {
    nextNonce();
    MemorySegment none = MemorySegment.NULL;
    MemorySegment outs = MemorySegment.ofArray(out);
    MemorySegment len = MemorySegment.ofArray(outLen);
    check((int) INIT_HEAP.invokeExact(ctx, none, none, none, MemorySegment.ofArray(nonce)));
    check((int) UPDATE_HEAP.invokeExact(ctx, outs, len, MemorySegment.ofArray(plaintext), LENGTH));
    check((int) FINAL_HEAP.invokeExact(ctx, outs.asSlice(LENGTH), len));
    check((int) CTRL_HEAP.invokeExact(ctx, EVP_CTRL_AEAD_GET_TAG, TAG, outs.asSlice(LENGTH)));
    meter.done(LENGTH);
    return outLen[0];
  }

  /** The alternative: copy in, ordinary downcalls on native memory, copy the result out. */
  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public int sealCopyThroughNative(CpuMeter meter) throws Throwable {
    nextNonce();
    MemorySegment none = MemorySegment.NULL;
    MemorySegment.copy(nonce, 0, nativeNonce, JAVA_BYTE, 0, nonce.length);
    MemorySegment.copy(plaintext, 0, nativeIn, JAVA_BYTE, 0, LENGTH);
    check((int) INIT_PLAIN.invokeExact(ctx, none, none, none, nativeNonce));
    check((int) UPDATE_PLAIN.invokeExact(ctx, nativeOut, nativeOutLen, nativeIn, LENGTH));
    check((int) FINAL_PLAIN.invokeExact(ctx, nativeOut.asSlice(LENGTH), nativeOutLen));
    check((int) CTRL_PLAIN.invokeExact(ctx, EVP_CTRL_AEAD_GET_TAG, TAG, nativeOut.asSlice(LENGTH)));
    MemorySegment.copy(nativeOut, JAVA_BYTE, 0, out, 0, LENGTH + TAG);
    meter.done(LENGTH);
    return nativeOutLen.get(JAVA_INT, 0);
  }

  private void nextNonce() {
    for (int i = nonce.length - 1; i >= 0; i--) {
      if (++nonce[i] != 0) {
        return; // no carry into the next byte up
      }
    }
  }

  private static void check(int rc) {
    if (rc != 1) {
      throw new IllegalStateException("OpenSSL call failed: returned [%d]".formatted(rc));
    }
  }

  private static MethodHandle bind(
      String name, FunctionDescriptor descriptor, Linker.Option... options) {
    MemorySegment symbol =
        LIBCRYPTO.find(name).orElseThrow(() -> new IllegalStateException("No symbol " + name));
    return LINKER.downcallHandle(symbol, descriptor, options);
  }
}
