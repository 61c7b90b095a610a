/** The valise command. */
@NullMarked
package io.valise.cli;

import org.jspecify.annotations.NullMarked;
