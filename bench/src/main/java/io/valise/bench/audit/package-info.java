/** Tools for the audit log's benchmarks. */
@NullMarked
package io.valise.bench.audit;

import org.jspecify.annotations.NullMarked;
