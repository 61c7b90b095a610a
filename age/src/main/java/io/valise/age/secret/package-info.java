/** Secret values as types: redacted when printed, wiped after use, compared in constant time. */
@NullMarked
package io.valise.age.secret;

import org.jspecify.annotations.NullMarked;
