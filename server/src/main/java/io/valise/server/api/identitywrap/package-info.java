/**
 * Identity wraps over HTTP: an account keeps its age identity on the server only encrypted, as an
 * age file made in its browser (to a passkey's PRF output or to a passphrase).
 */
@NullMarked
package io.valise.server.api.identitywrap;

import org.jspecify.annotations.NullMarked;
