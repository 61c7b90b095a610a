/** Small cryptographic building blocks shared by the recipient types: HKDF, X25519, key wrap. */
@NullMarked
package io.valise.age.primitives;

import org.jspecify.annotations.NullMarked;
