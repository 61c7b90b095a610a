/** The floor of the lab send benchmark (bench/lab-send.sh). */
@NullMarked
package io.valise.bench.lab;

import org.jspecify.annotations.NullMarked;
