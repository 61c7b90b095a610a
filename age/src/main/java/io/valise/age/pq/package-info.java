/**
 * The post-quantum hybrid recipient type {@code mlkem768x25519} of age (C2SP age.md v1.1.0): {@link
 * io.valise.age.pq.MlKem768X25519Identity} and {@link io.valise.age.pq.MlKem768X25519Recipient},
 * built on HPKE (RFC 9180) with the MLKEM768-X25519 KEM of draft-ietf-hpke-pq-03 (X-Wing).
 */
@NullMarked
package io.valise.age.pq;

import org.jspecify.annotations.NullMarked;
