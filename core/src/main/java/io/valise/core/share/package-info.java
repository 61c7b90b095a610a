/**
 * Share links: a capability to download one envelope, with its own expiry, use limit and optional
 * password.
 */
@NullMarked
package io.valise.core.share;

import org.jspecify.annotations.NullMarked;
