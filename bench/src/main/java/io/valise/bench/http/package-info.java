/** An HTTP load generator shared by the server benchmarks and their peers. */
@NullMarked
package io.valise.bench.http;

import org.jspecify.annotations.NullMarked;
