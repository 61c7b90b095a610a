package io.valise.client.api;

import org.jspecify.annotations.Nullable;

/**
 * The answer to an upload: the new envelope, and the receipt of its {@code envelope.upload} entry,
 * or null when the server had not sequenced it yet (ask {@link AuditApi#receipt} later).
 */
public record Sent(EnvelopeInfo envelope, @Nullable Receipt receipt) {}
