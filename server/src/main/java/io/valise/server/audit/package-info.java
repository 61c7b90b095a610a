/**
 * The audit log on the server: {@link io.valise.server.audit.Audit} records events from routes and
 * jobs, the sequencer numbers them and signs checkpoints, and the audit routes serve checkpoints,
 * proofs, entries and receipts.
 */
@NullMarked
package io.valise.server.audit;

import org.jspecify.annotations.NullMarked;
