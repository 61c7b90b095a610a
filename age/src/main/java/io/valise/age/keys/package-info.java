/** Parsing of recipient strings, identity files and recipients files, whatever their type. */
@NullMarked
package io.valise.age.keys;

import org.jspecify.annotations.NullMarked;
