/**
 * A transparency log's verifiable parts: Merkle tree hashing and proofs as in RFC 6962 ({@code
 * merkle}), and C2SP signed notes and checkpoints ({@code note}). No storage and no I/O: the server
 * proves with it, the CLI and witnesses verify with it.
 */
@NullMarked
package io.valise.tlog;

import org.jspecify.annotations.NullMarked;
