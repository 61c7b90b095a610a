/** age: x25519. */
@NullMarked
package io.valise.age.x25519;

import org.jspecify.annotations.NullMarked;
