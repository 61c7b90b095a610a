/**
 * Authentication logic with no storage and no transport: argon2id password hashes in PHC string
 * form ({@link io.valise.core.auth.PasswordHasher}), TOTP second factors per RFC 6238 ({@link
 * io.valise.core.auth.Totp}), scoped API tokens and session tokens stored only as SHA-256 hashes
 * ({@link io.valise.core.auth.ApiTokens}, {@link io.valise.core.auth.Sessions}), and brute-force
 * scoring whose state is a value a store persists ({@link io.valise.core.auth.BruteForceDefence}).
 *
 * <p>Every class takes its {@link java.time.Clock} and {@link java.security.SecureRandom} from the
 * caller. Secrets are types that print as {@code [REDACTED]}, compare in constant time and wipe
 * themselves when closed. Malformed stored or presented credentials raise {@link
 * io.valise.core.auth.AuthFormatException}, whose message names the bad part but never echoes a
 * secret.
 */
@NullMarked
package io.valise.core.auth;

import org.jspecify.annotations.NullMarked;
