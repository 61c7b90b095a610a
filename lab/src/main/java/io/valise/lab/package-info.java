/**
 * Health data for lab transmissions (issue 7): identifiers ({@code ident}), French geography
 * ({@code geo}), the lab result record and its CSV form ({@code record}), and synthetic test data
 * ({@code synth}). Plain JDK, no I/O beyond the streams it is given.
 */
@NullMarked
package io.valise.lab;

import org.jspecify.annotations.NullMarked;
