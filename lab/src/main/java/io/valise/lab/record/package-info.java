/**
 * The lab test result record, its CSV form (RFC 4180, read and written as a stream in constant
 * memory), and the validation of a record into (row, field, reason) problems.
 */
@NullMarked
package io.valise.lab.record;

import org.jspecify.annotations.NullMarked;
