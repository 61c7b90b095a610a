package io.valise.bench.aead;

import io.valise.age.aead.AeadBackend;
import io.valise.age.aead.AeadBackends;
import io.valise.age.aead.ChaCha20Poly1305;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.AEADBadTagException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Seal and open of one 64 KiB age payload chunk per backend, on one thread. Scores are bytes per
 * second of wall-clock time: each invocation counts as {@value #LENGTH} operations of one byte.
 * {@link CpuMeter} adds bytes per CPU-second, the figure that {@code openssl speed} reports.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
// JMH calls @Setup before any @Benchmark method, which NullAway cannot see.
@SuppressWarnings("NullAway.Init")
public class AeadBench {
  /** The age payload chunk size. */
  static final int LENGTH = 64 * 1024;

  @Param({"jdk", "openssl"})
  String backend;

  private ChaCha20Poly1305 cipher;
  private final byte[] nonce = new byte[ChaCha20Poly1305.NONCE_LENGTH];
  private final byte[] sealedNonce = new byte[ChaCha20Poly1305.NONCE_LENGTH];
  private final byte[] plaintext = new byte[LENGTH];
  private final byte[] sealed = new byte[LENGTH + ChaCha20Poly1305.TAG_LENGTH];
  private final byte[] out = new byte[LENGTH + ChaCha20Poly1305.TAG_LENGTH];
  private long counter;

  @Setup
  public void setUp() {
    AeadBackend chosen =
        switch (backend) {
          case "jdk" -> AeadBackends.jdk();
          case "openssl" ->
              AeadBackends.openssl()
                  .orElseThrow(() -> new IllegalStateException("OpenSSL backend unavailable"));
          default -> throw new IllegalArgumentException("No backend [%s]".formatted(backend));
        };
    byte[] key = new byte[ChaCha20Poly1305.KEY_LENGTH];
    SplittableRandom random = new SplittableRandom(1);
    random.nextBytes(key);
    random.nextBytes(plaintext);
    cipher = chosen.newCipher(key);
    cipher.seal(sealedNonce, plaintext, 0, LENGTH, sealed, 0);
  }

  @TearDown
  public void tearDown() {
    cipher.close();
  }

  /** A fresh nonce per chunk, as age's STREAM does (SunJCE also refuses to re-seal a nonce). */
  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public int seal(CpuMeter meter) {
    long n = ++counter;
    for (int i = 0; i < Long.BYTES; i++) {
      nonce[nonce.length - 1 - i] = (byte) (n >>> (8 * i));
    }
    int written = cipher.seal(nonce, plaintext, 0, LENGTH, out, 0);
    meter.done(LENGTH);
    return written;
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public int open(CpuMeter meter) throws AEADBadTagException {
    int written = cipher.open(sealedNonce, sealed, 0, sealed.length, out, 0);
    meter.done(LENGTH);
    return written;
  }
}
