package io.valise.client.state;

import java.time.Instant;

/**
 * A logged-in session: the server's base URL (no trailing slash), the account and its token.
 *
 * @param server for example {@code http://127.0.0.1:7443}
 */
public record Session(String server, String account, BearerToken token, Instant expiresAt) {}
