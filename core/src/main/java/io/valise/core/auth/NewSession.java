package io.valise.core.auth;

import io.valise.core.id.SessionId;

/**
 * A session just started: send {@link #token()} to the browser (for example in a {@code Secure;
 * HttpOnly; SameSite=Strict} cookie) with {@link SessionToken#reveal()}, store {@link #record()}
 * with {@link #id()}, then close the token.
 *
 * @param id the session's public id, random and unrelated to the token, for its owner's list
 */
public record NewSession(SessionToken token, SessionRecord record, SessionId id) {}
