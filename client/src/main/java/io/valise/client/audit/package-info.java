/**
 * The client's checks of the server's audit log (docs/client.md, "Clients verify"): the pinned log
 * key, the latest verified checkpoint kept in {@code $VALISE_HOME}, consistency between
 * checkpoints, upload receipts, keys' log entries, and a full recomputation of the tree.
 */
@NullMarked
package io.valise.client.audit;

import org.jspecify.annotations.NullMarked;
