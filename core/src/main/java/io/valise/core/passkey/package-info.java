/**
 * Passkeys (WebAuthn credentials) that accounts sign in with, and the challenges of their
 * ceremonies. Only public data is stored: the credential's id, its attested public key and its
 * signature counter. Verifying a ceremony is the server's job; this package holds the values and
 * the repositories.
 */
@NullMarked
package io.valise.core.passkey;

import org.jspecify.annotations.NullMarked;
