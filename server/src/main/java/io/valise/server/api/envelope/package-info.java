/**
 * Envelope upload, metadata, download with ranges, inbox and outbox ({@code io.valise.server.sweep}
 * purges them).
 */
@NullMarked
package io.valise.server.api.envelope;

import org.jspecify.annotations.NullMarked;
