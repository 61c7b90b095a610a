/**
 * Passkeys (WebAuthn): the relying party's settings, the challenges of ceremonies, the checks of a
 * browser's answers (through webauthn4j), and the routes an account registers, lists and removes
 * its passkeys with. Signing in with one is in {@code io.valise.server.api.account}.
 */
@NullMarked
package io.valise.server.api.passkey;

import org.jspecify.annotations.NullMarked;
