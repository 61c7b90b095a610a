package io.valise.age.aead;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.AEADBadTagException;

/** Backends by name for the tests, and deliberately broken ones for the self-test's tests. */
final class TestBackends {
  private TestBackends() {}

  /** CI sets this, so a missing libcrypto fails the build instead of skipping tests. */
  static final boolean REQUIRE_INTEROP = Boolean.getBoolean("valise.requireInterop");

  /**
   * The backend called {@code name}. When OpenSSL is unavailable this fails the test if {@code
   * valise.requireInterop} is true, and skips it otherwise.
   */
  static AeadBackend named(String name) {
    return switch (name) {
      case "jdk" -> AeadBackends.jdk();
      case "openssl" ->
          switch (AeadBackends.openSslProbe()) {
            case Probe.Passed(AeadBackend backend) -> backend;
            case Probe.Failed(RuntimeException reason) -> {
              String why = "OpenSSL backend unavailable: " + describe(reason);
              if (REQUIRE_INTEROP) {
                yield fail(why + " (valise.requireInterop=true)", reason);
              }
              yield abort(why);
            }
          };
      default -> throw new IllegalArgumentException("No backend [%s]".formatted(name));
    };
  }

  /** Every backend that works here: the JDK's always, OpenSSL's when it loads. */
  static List<AeadBackend> available() {
    List<AeadBackend> backends = new ArrayList<>(List.of(AeadBackends.jdk()));
    AeadBackends.openssl().ifPresent(backends::add);
    return backends;
  }

  private static String describe(Throwable t) {
    StringBuilder message = new StringBuilder(String.valueOf(t.getMessage()));
    for (Throwable cause = t.getCause(); cause != null; cause = cause.getCause()) {
      message.append(": ").append(cause.getMessage());
    }
    return message.toString();
  }

  /** The JDK backend with open() that ignores a bad tag, as a binding that skipped Final would. */
  static AeadBackend ignoringTags() {
    return new AeadBackend() {
      @Override
      public String name() {
        return "ignoring-tags";
      }

      @Override
      public ChaCha20Poly1305 newCipher(byte[] key) {
        ChaCha20Poly1305 jdk = AeadBackends.jdk().newCipher(key);
        return new ChaCha20Poly1305() {
          @Override
          public int seal(byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
            return jdk.seal(nonce, in, inOff, inLen, out, outOff);
          }

          @Override
          public int open(byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
            try {
              return jdk.open(nonce, in, inOff, inLen, out, outOff);
            } catch (AEADBadTagException e) {
              return inLen - TAG_LENGTH;
            }
          }

          @Override
          public int seal(byte[] nonce, MemorySegment in, MemorySegment out) {
            return jdk.seal(nonce, in, out);
          }

          @Override
          public int open(byte[] nonce, MemorySegment in, MemorySegment out) {
            try {
              return jdk.open(nonce, in, out);
            } catch (AEADBadTagException e) {
              return (int) in.byteSize() - TAG_LENGTH;
            }
          }

          @Override
          public void close() {
            jdk.close();
          }
        };
      }
    };
  }

  /** The JDK backend whose seal() corrupts one bit of ciphertext past the first kilobyte. */
  static AeadBackend corruptingLongMessages() {
    return new AeadBackend() {
      @Override
      public String name() {
        return "corrupting";
      }

      @Override
      public ChaCha20Poly1305 newCipher(byte[] key) {
        ChaCha20Poly1305 jdk = AeadBackends.jdk().newCipher(key);
        return new ChaCha20Poly1305() {
          @Override
          public int seal(byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
            int written = jdk.seal(nonce, in, inOff, inLen, out, outOff);
            if (inLen > 1024) {
              out[outOff + 1024] ^= 1;
            }
            return written;
          }

          @Override
          public int open(byte[] nonce, byte[] in, int inOff, int inLen, byte[] out, int outOff)
              throws AEADBadTagException {
            return jdk.open(nonce, in, inOff, inLen, out, outOff);
          }

          @Override
          public int seal(byte[] nonce, MemorySegment in, MemorySegment out) {
            int written = jdk.seal(nonce, in, out);
            if (in.byteSize() > 1024) {
              out.set(
                  ValueLayout.JAVA_BYTE, 1024, (byte) (out.get(ValueLayout.JAVA_BYTE, 1024) ^ 1));
            }
            return written;
          }

          @Override
          public int open(byte[] nonce, MemorySegment in, MemorySegment out)
              throws AEADBadTagException {
            return jdk.open(nonce, in, out);
          }

          @Override
          public void close() {
            jdk.close();
          }
        };
      }
    };
  }
}
