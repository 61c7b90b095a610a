/** age: scrypt. */
@NullMarked
package io.valise.age.scrypt;

import org.jspecify.annotations.NullMarked;
