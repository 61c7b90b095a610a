/** age: stream. */
@NullMarked
package io.valise.age.stream;

import org.jspecify.annotations.NullMarked;
