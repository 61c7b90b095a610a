/** Accounts (people and systems) and their repository. */
@NullMarked
package io.valise.core.account;

import org.jspecify.annotations.NullMarked;
