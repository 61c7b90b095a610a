/** Groups of accounts (for example {@code cpam-75}) and their membership. */
@NullMarked
package io.valise.core.group;

import org.jspecify.annotations.NullMarked;
