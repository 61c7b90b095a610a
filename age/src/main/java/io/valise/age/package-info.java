/** The age v1 file format. */
@NullMarked
package io.valise.age;

import org.jspecify.annotations.NullMarked;
