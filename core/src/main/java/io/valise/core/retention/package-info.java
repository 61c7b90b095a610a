/**
 * Retention: what the server stores, for whom, until when. A report for operators and the data
 * protection officer, made of metadata only (never content).
 */
@NullMarked
package io.valise.core.retention;

import org.jspecify.annotations.NullMarked;
