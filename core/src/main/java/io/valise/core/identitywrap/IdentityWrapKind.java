package io.valise.core.identitywrap;

/** What an identity wrap is encrypted to. */
public enum IdentityWrapKind {
  /** A passkey's PRF output ({@code age-encryption.org/fido2prf} stanza); names the passkey. */
  PASSKEY,
  /** A passphrase ({@code scrypt} stanza). */
  PASSPHRASE
}
