package io.valise.server.http;

import io.valise.core.auth.TokenHash;
import io.valise.core.id.AccountId;

/** The authenticated caller of a request, set by the authentication filter and nowhere else. */
public record Principal(AccountId account, String name, boolean admin, TokenHash session) {}
