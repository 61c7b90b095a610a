/** The whole {@code valise} command: the CLI plus {@code serve} and {@code admin}. */
@NullMarked
package io.valise.app;

import org.jspecify.annotations.NullMarked;
