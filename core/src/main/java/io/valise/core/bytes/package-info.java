/**
 * Opaque byte values that the server stores but never interprets (age headers, encrypted metadata,
 * encrypted TOTP secrets).
 */
@NullMarked
package io.valise.core.bytes;

import org.jspecify.annotations.NullMarked;
