/**
 * The Valise server: an HTTP courier that stores and relays age ciphertext it cannot read. Packages
 * are capabilities: {@code config}, {@code http} (routing, the one authentication filter, problem
 * details), {@code api.account}, {@code api.envelope}, {@code health}, and {@code wiring}, the one
 * composition root.
 */
@NullMarked
package io.valise.server;

import org.jspecify.annotations.NullMarked;
