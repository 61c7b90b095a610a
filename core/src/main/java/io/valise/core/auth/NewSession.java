package io.valise.core.auth;

/**
 * A session just started: send {@link #token()} to the browser (for example in a {@code Secure;
 * HttpOnly; SameSite=Strict} cookie) with {@link SessionToken#reveal()}, store {@link #record()},
 * then close the token.
 */
public record NewSession(SessionToken token, SessionRecord record) {}
