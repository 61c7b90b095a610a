/** ChaCha20-Poly1305 backends: the JDK's, and a faster native one chosen at run time. */
@NullMarked
package io.valise.age.aead;

import org.jspecify.annotations.NullMarked;
