/** Login and logout: passwords checked with argon2id, sessions, and the brute-force defence. */
@NullMarked
package io.valise.server.api.account;

import org.jspecify.annotations.NullMarked;
