/**
 * The age payload (C2SP age.md, "Payload"): the STREAM construction of ChaCha20-Poly1305 over 64
 * KiB chunks under a key derived from the file key and a per-file nonce.
 *
 * <p>Entry points: {@link io.valise.age.stream.Payload} for streaming and parallel whole-payload
 * encryption and decryption and for payload length arithmetic, {@link
 * io.valise.age.stream.SeekablePayload} for random access, {@link io.valise.age.stream.PayloadKey}
 * and {@link io.valise.age.stream.Progress}. Every failure of a payload is an {@link
 * io.valise.age.PayloadException} naming the chunk.
 */
@NullMarked
package io.valise.age.stream;

import org.jspecify.annotations.NullMarked;
