/**
 * RFC 6962 / RFC 9162 Merkle tree hashing with SHA-256: tree heads, inclusion proofs and
 * consistency proofs, both generated (server side, from a {@link LeafHashes} source that a database
 * can back) and verified (client and witness side). {@link CompactRange} keeps the root of a
 * growing log in O(log n) memory for the sequencer.
 */
@NullMarked
package io.valise.tlog.merkle;

import org.jspecify.annotations.NullMarked;
