/** Transactions across repositories, and the exceptions every metadata repository throws. */
@NullMarked
package io.valise.core.tx;

import org.jspecify.annotations.NullMarked;
