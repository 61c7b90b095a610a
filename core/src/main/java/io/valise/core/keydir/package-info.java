/** The key directory: the age recipients each account publishes, and their revocation. */
@NullMarked
package io.valise.core.keydir;

import org.jspecify.annotations.NullMarked;
