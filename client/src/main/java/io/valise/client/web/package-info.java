/**
 * Checking the web app a server serves against the release it published: every file's SHA-256, the
 * bundle hash recomputed from the list, and the page's Subresource Integrity. The audit log part
 * (the {@code web.release} entry proved under a verified checkpoint) is {@code
 * io.valise.client.audit}'s.
 */
@NullMarked
package io.valise.client.web;

import org.jspecify.annotations.NullMarked;
