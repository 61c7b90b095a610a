/**
 * The transmission manifest of {@code valise lab send} (docs/lab.md, "Manifest"): JSON lines
 * listing, for each envelope, its group, record count, data categories and the keyed hashes of the
 * people in it. Only keyed hashes: readable by whoever holds the hash key, the data protection
 * officer.
 */
@NullMarked
package io.valise.lab.manifest;

import org.jspecify.annotations.NullMarked;
