/**
 * Share links: created, listed and revoked by accounts; fetched by anyone holding the link, with an
 * optional password scored against brute force.
 */
@NullMarked
package io.valise.server.api.share;

import org.jspecify.annotations.NullMarked;
