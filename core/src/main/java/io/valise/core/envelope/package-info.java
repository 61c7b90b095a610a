/**
 * Envelopes: one encrypted file each, its age header kept apart from its payload, its expiry and
 * its download limit enforced by the repository.
 */
@NullMarked
package io.valise.core.envelope;

import org.jspecify.annotations.NullMarked;
