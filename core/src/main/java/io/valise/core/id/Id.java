package io.valise.core.id;

/**
 * A random identifier of 128 bits. Equal ids have equal {@link #text()}; the text is safe to use as
 * a file name, a URL path segment or a SQL parameter because it only ever holds {@code [a-z2-7]}.
 */
public sealed interface Id
    permits AccountId,
        GroupId,
        EnvelopeId,
        ShareId,
        KeyId,
        BlobId,
        ApiTokenId,
        SshKeyId,
        PasskeyId,
        IdentityWrapId,
        ChallengeId,
        SessionId,
        TotpEnrolmentId {
  /** The first 64 bits. */
  long high();

  /** The last 64 bits. */
  long low();

  /** The 26-character base32 text form; each id type's {@code parse} reads it back. */
  default String text() {
    return Base32Id.encode(high(), low());
  }
}
