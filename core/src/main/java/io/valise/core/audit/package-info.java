/**
 * The audit log's entries and their store: every security event is an {@link AuditEvent}, written
 * by {@link AuditRepository#append} in the transaction of the action it records, and later given
 * its index in the Merkle log by the one sequencer.
 */
@NullMarked
package io.valise.core.audit;

import org.jspecify.annotations.NullMarked;
