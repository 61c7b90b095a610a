/**
 * Deterministic synthetic lab results for tests and benchmarks: plausible French people, real
 * postcodes, valid identifiers, every record marked as a test identity.
 */
@NullMarked
package io.valise.lab.synth;

import org.jspecify.annotations.NullMarked;
