package io.valise.core.auth;

/**
 * A token just issued: show {@link #token()} to its holder once with {@link ApiToken#reveal()},
 * store {@link #record()}, then close the token.
 */
public record IssuedApiToken(ApiToken token, ApiTokenRecord record) {}
