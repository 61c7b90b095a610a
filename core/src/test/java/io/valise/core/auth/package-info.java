/** Tests of the authentication logic. */
@NullMarked
package io.valise.core.auth;

import org.jspecify.annotations.NullMarked;
