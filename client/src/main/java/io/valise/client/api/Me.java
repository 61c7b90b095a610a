package io.valise.client.api;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/me}. {@code keys} is empty when the server predates the key list in this answer
 * (then ask {@code GET /api/accounts/{name}/keys}).
 */
public record Me(String account, boolean admin, Optional<List<PublishedKey>> keys) {}
