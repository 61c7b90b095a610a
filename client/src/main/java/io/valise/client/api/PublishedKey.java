package io.valise.client.api;

import java.time.Instant;

/** A recipient key in the key directory: {@code {"id","recipient","kind","publishedAt"}}. */
public record PublishedKey(String id, String recipient, String kind, Instant publishedAt) {}
