/** Throughput of the ChaCha20-Poly1305 backends, and of the ways to reach OpenSSL from Java. */
@NullMarked
package io.valise.bench.aead;

import org.jspecify.annotations.NullMarked;
