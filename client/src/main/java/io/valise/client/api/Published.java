package io.valise.client.api;

import org.jspecify.annotations.Nullable;

/**
 * The answer to publishing a key: the key, and the receipt of its {@code key.publish} entry, or
 * null when the server had not sequenced it yet (the key's {@code log} field shows it later).
 */
public record Published(PublishedKey key, @Nullable Receipt receipt) {}
