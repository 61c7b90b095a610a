/** ASCII armor of age files: strict PEM (RFC 7468 section 3), label "AGE ENCRYPTED FILE". */
@NullMarked
package io.valise.age.armor;

import org.jspecify.annotations.NullMarked;
