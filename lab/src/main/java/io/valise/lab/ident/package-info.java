/**
 * French health identifiers: the NIR (social security number, with its temporary forms), the FINESS
 * number of an establishment and the RPPS number of a health professional. Each parser returns the
 * normalised value or a reason a person can act on.
 */
@NullMarked
package io.valise.lab.ident;

import org.jspecify.annotations.NullMarked;
