/**
 * Leases: a named job (the sweeper) that one node at a time may run, held for a short time and
 * renewed while the holder lives, so that a dead holder's lease simply runs out.
 */
@NullMarked
package io.valise.core.lease;

import org.jspecify.annotations.NullMarked;
