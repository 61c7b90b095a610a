/**
 * The blob store SPI: opaque payload bytes under random ids, written atomically (staged, then
 * committed) and read by range.
 */
@NullMarked
package io.valise.core.blob;

import org.jspecify.annotations.NullMarked;
