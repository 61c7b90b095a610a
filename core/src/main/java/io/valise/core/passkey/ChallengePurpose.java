package io.valise.core.passkey;

/** What a WebAuthn challenge was issued for; one purpose's challenge never serves the other. */
public enum ChallengePurpose {
  /** Creating a passkey for a signed-in account ({@code navigator.credentials.create}). */
  REGISTRATION,
  /** Signing in with a passkey ({@code navigator.credentials.get}). */
  AUTHENTICATION
}
