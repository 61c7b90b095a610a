package io.valise.client.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A share link as the sender sees it (the secret part of its URL is not on the server). */
public record LinkInfo(
    String id,
    String path,
    Instant expiresAt,
    @Nullable Integer maxDownloads,
    int downloads,
    boolean passwordRequired,
    boolean revoked) {}
