package io.valise.core.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Time-based one-time passwords (RFC 6238, HOTP of RFC 4226 over the time step).
 *
 * <p>{@link #verify} accepts a code from the current step or {@link TotpParameters#window()} steps
 * either side, compares every candidate in constant time, and returns the step that matched. The
 * caller stores that step as the account's last used step and passes it to the next verification,
 * which then refuses it and every earlier step: a code observed once cannot be replayed.
 *
 * <p>Thread-safe; time comes from the injected {@link Clock}.
 */
public final class Totp {
  private static final String ISSUER = "Valise";
  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private final TotpParameters params;
  private final Clock clock;

  /** A TOTP with {@code params} reading time from {@code clock}. */
  public Totp(TotpParameters params, Clock clock) {
    this.params = params;
    this.clock = clock;
  }

  /** The time step T of RFC 6238 section 4.2 for {@code instant}, with T0 = 0. */
  public long stepAt(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), params.step().toSeconds());
  }

  /** The code for {@code step}, zero-padded to {@link TotpParameters#digits()}. */
  public String code(TotpSecret secret, long step) {
    byte[] code = codeBytes(secret, step);
    return new String(code, UTF_8);
  }

  /**
   * Checks {@code code} against the steps around now that are later than {@code lastUsedStep}.
   *
   * @param code what the user typed; anything that is not exactly {@code digits} ASCII digits fails
   * @param lastUsedStep the step returned by the last successful verification for this secret, or
   *     empty if there was none
   * @return the matched step, to be stored as the new last used step; empty if no step matched
   * @throws IllegalStateException if the secret was destroyed
   */
  public OptionalLong verify(TotpSecret secret, String code, OptionalLong lastUsedStep) {
    byte[] typed = code.getBytes(UTF_8);
    boolean wellFormed = typed.length == params.digits();
    for (byte b : typed) {
      wellFormed &= b >= '0' && b <= '9';
    }
    if (!wellFormed) {
      return OptionalLong.empty();
    }
    long now = stepAt(clock.instant());
    long matched = Long.MIN_VALUE;
    // Every candidate is computed and compared, so the time taken does not depend on which matched.
    for (long step = now - params.window(); step <= now + params.window(); step++) {
      boolean fresh = lastUsedStep.isEmpty() || step > lastUsedStep.getAsLong();
      if (MessageDigest.isEqual(codeBytes(secret, step), typed) && fresh) {
        matched = step;
      }
    }
    return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
  }

  /**
   * The {@code otpauth://totp/Valise:NAME?secret=BASE32&issuer=Valise} URI an authenticator app
   * reads from a QR code (Key URI Format of Google Authenticator). Algorithm, digits and period are
   * added only when they differ from the defaults apps assume.
   *
   * @throws IllegalArgumentException if {@code accountName} is empty, longer than 128 characters,
   *     or holds a colon or a control character
   */
  public String provisioningUri(String accountName, TotpSecret secret) {
    if (accountName.isEmpty()
        || accountName.length() > 128
        || accountName.chars().anyMatch(c -> c == ':' || Character.isISOControl(c))) {
      throw new IllegalArgumentException(
          "Account name for TOTP must be 1 to 128 characters with no colon or control character");
    }
    StringBuilder uri =
        new StringBuilder("otpauth://totp/")
            .append(ISSUER)
            .append(':')
            .append(percentEncode(accountName))
            .append("?secret=")
            .append(secret.revealBase32())
            .append("&issuer=")
            .append(ISSUER);
    if (params.algorithm() != TotpAlgorithm.SHA1) {
      uri.append("&algorithm=").append(params.algorithm().name());
    }
    if (params.digits() != 6) {
      uri.append("&digits=").append(params.digits());
    }
    if (params.step().toSeconds() != 30) {
      uri.append("&period=").append(params.step().toSeconds());
    }
    return uri.toString();
  }

  private byte[] codeBytes(TotpSecret secret, long step) {
    HMac mac = new HMac(params.algorithm().digest());
    KeyParameter key = new KeyParameter(secret.key());
    byte[] out = new byte[mac.getMacSize()];
    try {
      mac.init(key);
      for (int shift = 56; shift >= 0; shift -= 8) {
        mac.update((byte) (step >>> shift));
      }
      mac.doFinal(out, 0);
      int offset = out[out.length - 1] & 0x0f;
      int binary =
          ((out[offset] & 0x7f) << 24)
              | ((out[offset + 1] & 0xff) << 16)
              | ((out[offset + 2] & 0xff) << 8)
              | (out[offset + 3] & 0xff);
      int value = binary % POWERS[params.digits()];
      byte[] code = new byte[params.digits()];
      for (int i = code.length - 1; i >= 0; i--) {
        code[i] = (byte) ('0' + value % 10);
        value /= 10;
      }
      return code;
    } finally {
      Arrays.fill(out, (byte) 0);
      Arrays.fill(key.getKey(), (byte) 0);
      mac.reset();
    }
  }

  private static String percentEncode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
      }
    }
    return out.toString();
  }
}
