/**
 * Envelope upload, metadata, download with ranges, inbox and outbox, and the sweeper that purges
 * them.
 */
@NullMarked
package io.valise.server.api.envelope;

import org.jspecify.annotations.NullMarked;
