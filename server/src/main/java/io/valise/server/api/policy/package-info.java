/** {@code GET /api/policy}: the limits every caller works within, for the web app's choices. */
@NullMarked
package io.valise.server.api.policy;

import org.jspecify.annotations.NullMarked;
