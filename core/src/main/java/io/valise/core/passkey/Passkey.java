package io.valise.core.passkey;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.PasskeyId;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A passkey an account registered: a WebAuthn public-key credential. Nothing here is secret.
 *
 * @param credentialId the credential's id as the authenticator chose it, 1 to {@link
 *     #MAX_CREDENTIAL_ID} bytes; unique across all accounts
 * @param name what the owner called it, see {@link #checkName}
 * @param attestedCredential the attested credential data of the registration (AAGUID, credential
 *     id, COSE public key), as the authenticator encoded it; the server's verifier reads it back
 * @param signCount the authenticator's signature counter last seen, 0 to 2^32-1 (0: it keeps none)
 * @param backupEligible the BE flag at registration: the credential may be synced
 * @param backupState the BS flag last seen: the credential is backed up
 * @param transports how the browser said it reaches the authenticator ({@code internal}, {@code
 *     hybrid}, {@code usb}...), as hints for later ceremonies
 * @param prf whether the browser reported the PRF extension enabled at registration
 * @param lastUsedAt the last sign-in with it, or null if none yet
 */
public record Passkey(
    PasskeyId id,
    AccountId account,
    OpaqueBytes credentialId,
    String name,
    OpaqueBytes attestedCredential,
    long signCount,
    boolean backupEligible,
    boolean backupState,
    List<String> transports,
    boolean prf,
    Instant createdAt,
    @Nullable Instant lastUsedAt) {
  /** The longest credential id WebAuthn allows (Level 3, section 6.1). */
  public static final int MAX_CREDENTIAL_ID = 1023;

  /** The longest name, in characters (code points). */
  public static final int MAX_NAME = 64;

  /** The most transports kept. */
  public static final int MAX_TRANSPORTS = 8;

  /** The largest attested credential data kept: an RSA-4096 key fits with room to spare. */
  public static final int MAX_ATTESTED_CREDENTIAL = 4096;

  private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}]");
  private static final Pattern TRANSPORT = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  /**
   * @throws IllegalArgumentException naming the bad value
   */
  public Passkey {
    if (credentialId.length() < 1 || credentialId.length() > MAX_CREDENTIAL_ID) {
      throw new IllegalArgumentException(
          "Credential id has length [%d], expected 1 to [%d]"
              .formatted(credentialId.length(), MAX_CREDENTIAL_ID));
    }
    checkName(name);
    if (attestedCredential.length() < 1 || attestedCredential.length() > MAX_ATTESTED_CREDENTIAL) {
      throw new IllegalArgumentException(
          "Attested credential data has length [%d], expected 1 to [%d]"
              .formatted(attestedCredential.length(), MAX_ATTESTED_CREDENTIAL));
    }
    checkSignCount(signCount);
    transports = List.copyOf(transports);
    if (transports.size() > MAX_TRANSPORTS) {
      throw new IllegalArgumentException(
          "[%d] transports, at most [%d]".formatted(transports.size(), MAX_TRANSPORTS));
    }
    for (String t : transports) {
      if (!TRANSPORT.matcher(t).matches()) {
        throw new IllegalArgumentException("Transport [%s] is not a transport name".formatted(t));
      }
    }
    if (lastUsedAt != null && lastUsedAt.isBefore(createdAt)) {
      throw new IllegalArgumentException(
          "Passkey [%s] used at [%s], before it was registered at [%s]"
              .formatted(id, lastUsedAt, createdAt));
    }
  }

  /**
   * Checks a passkey's name: 1 to {@link #MAX_NAME} characters, no control or formatting characters
   * (bidi overrides among them), not blank.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static String checkName(String name) {
    int length = name.codePointCount(0, name.length());
    if (name.isBlank() || length > MAX_NAME) {
      throw new IllegalArgumentException(
          "A passkey's name is 1 to " + MAX_NAME + " characters, not blank");
    }
    if (UNPRINTABLE.matcher(name).find()) {
      throw new IllegalArgumentException(
          "A passkey's name cannot hold control or formatting characters");
    }
    return name;
  }

  /**
   * Checks a signature counter: WebAuthn's is an unsigned 32-bit integer.
   *
   * @throws IllegalArgumentException if it is outside 0 to 2^32-1
   */
  public static long checkSignCount(long signCount) {
    if (signCount < 0 || signCount > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "Signature counter [%d] is outside 0 to 2^32-1".formatted(signCount));
    }
    return signCount;
  }
}
