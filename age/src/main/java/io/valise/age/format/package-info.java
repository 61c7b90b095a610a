/** age: format. */
@NullMarked
package io.valise.age.format;

import org.jspecify.annotations.NullMarked;
