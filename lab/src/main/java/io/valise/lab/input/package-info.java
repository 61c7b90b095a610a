/**
 * Lab input files of every supported format, read as one stream of {@link
 * io.valise.lab.record.LabRecord}s: the format is given or detected from the first bytes.
 */
@NullMarked
package io.valise.lab.input;

import org.jspecify.annotations.NullMarked;
