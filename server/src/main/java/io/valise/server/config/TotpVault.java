package io.valise.server.config;

import io.valise.core.auth.TotpSecret;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.TotpEnrolmentId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM under a key derived from the server key, with the
 * account id as associated data (a sealed secret moved to another account row does not open).
 * Secrets being enrolled are sealed with the enrolment id too, so a pending secret cannot pass for
 * an account's active one, nor the reverse. Layout: version byte 1, 12-byte random nonce,
 * ciphertext and 16-byte tag.
 */
public final class TotpVault {
  private static final byte VERSION = 1;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random;

  public TotpVault(InstallationSecrets.ServerKey serverKey, SecureRandom random) {
    byte[] k = serverKey.derive("valise totp secret v1");
    try {
      this.key = new SecretKeySpec(k, "AES");
    } finally {
      Arrays.fill(k, (byte) 0);
    }
    this.random = random;
  }

  /** The sealed form of {@code secret} for the account {@code id}. */
  public OpaqueBytes seal(AccountId id, TotpSecret secret) {
    return seal(aad(id), secret);
  }

  /** The sealed form of {@code secret} while {@code account} enrols it as {@code enrolment}. */
  public OpaqueBytes sealPending(AccountId account, TotpEnrolmentId enrolment, TotpSecret secret) {
    return seal(pendingAad(account, enrolment), secret);
  }

  /**
   * Opens a secret sealed by {@link #sealPending}.
   *
   * @throws IllegalStateException if it was not sealed for this enrolment under this server key
   */
  public TotpSecret openPending(AccountId account, TotpEnrolmentId enrolment, OpaqueBytes sealed) {
    return open(pendingAad(account, enrolment), sealed, "enrolment " + enrolment);
  }

  private OpaqueBytes seal(byte[] aad, TotpSecret secret) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    byte[] plain = secret.revealBase32().getBytes(StandardCharsets.US_ASCII);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad);
      byte[] sealed = c.doFinal(plain);
      byte[] out = new byte[1 + NONCE + sealed.length];
      out[0] = VERSION;
      System.arraycopy(nonce, 0, out, 1, NONCE);
      System.arraycopy(sealed, 0, out, 1 + NONCE, sealed.length);
      return OpaqueBytes.of(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Opens a sealed secret.
   *
   * @throws IllegalStateException if it was not sealed for this account under this server key
   */
  public TotpSecret open(AccountId id, OpaqueBytes sealed) {
    return open(aad(id), sealed, id.text());
  }

  private TotpSecret open(byte[] aad, OpaqueBytes sealed, String of) {
    byte[] in = sealed.toByteArray();
    if (in.length <= 1 + NONCE + TAG_BITS / 8 || in[0] != VERSION) {
      throw new IllegalStateException("Stored TOTP secret of " + of + " has an unknown layout");
    }
    byte[] plain = new byte[0];
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 1, NONCE));
      c.updateAAD(aad);
      plain = c.doFinal(in, 1 + NONCE, in.length - 1 - NONCE);
      return TotpSecret.fromBase32(new String(plain, StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Stored TOTP secret of " + of + " does not open under this server key", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static byte[] aad(AccountId id) {
    return ("valise totp " + id.text()).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] pendingAad(AccountId account, TotpEnrolmentId enrolment) {
    return ("valise totp pending " + account.text() + " " + enrolment.text())
        .getBytes(StandardCharsets.US_ASCII);
  }
}
