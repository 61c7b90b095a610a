/**
 * Names as senders use them: the directory of accounts and groups with their current keys, and the
 * expansion of a recipient list (groups to their members).
 */
@NullMarked
package io.valise.server.api.directory;

import org.jspecify.annotations.NullMarked;
