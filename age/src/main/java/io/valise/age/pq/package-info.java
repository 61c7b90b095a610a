/** age: pq. */
@NullMarked
package io.valise.age.pq;

import org.jspecify.annotations.NullMarked;
