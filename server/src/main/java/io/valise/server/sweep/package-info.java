/**
 * The sweeper: purges what expired or was used up (envelopes and their blobs, share links,
 * sessions, API tokens) and payload blobs that no envelope names, on one node at a time under a
 * lease in the metadata store.
 */
@NullMarked
package io.valise.server.sweep;

import org.jspecify.annotations.NullMarked;
