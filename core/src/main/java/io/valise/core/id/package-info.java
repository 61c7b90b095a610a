/**
 * Typed random identifiers of 128 bits. Their text form is 26 characters of lower-case RFC 4648
 * base32 without padding, parsed strictly so that every id has exactly one spelling and can never
 * carry a path or a query.
 */
@NullMarked
package io.valise.core.id;

import org.jspecify.annotations.NullMarked;
