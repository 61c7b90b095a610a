/** Benchmarks. */
@NullMarked
package io.valise.bench;

import org.jspecify.annotations.NullMarked;
