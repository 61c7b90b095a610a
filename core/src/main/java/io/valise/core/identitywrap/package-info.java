/**
 * Identity wraps: an account's age identity, encrypted in the owner's browser to a passkey (its PRF
 * output) or to a passphrase, and kept by the server as an opaque age file it cannot open. The
 * server stores and returns them; it never sees the identity.
 */
@NullMarked
package io.valise.core.identitywrap;

import org.jspecify.annotations.NullMarked;
