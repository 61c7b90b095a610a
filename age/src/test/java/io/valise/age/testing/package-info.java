/** Plain-JUnit property testing: seeded, reproducible trials and the generators they share. */
@NullMarked
package io.valise.age.testing;

import org.jspecify.annotations.NullMarked;
