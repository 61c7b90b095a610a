/**
 * The Valise domain. Packages are capabilities (accounts, groups, key directory, envelopes, shares,
 * policies, retention, auth); storage is behind narrow SPIs implemented by the {@code store-*}
 * modules. Time and randomness are always injected.
 */
@NullMarked
package io.valise.core;

import org.jspecify.annotations.NullMarked;
