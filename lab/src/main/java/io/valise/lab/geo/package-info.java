/**
 * French administrative geography for routing and checks: departments, the 18 regions and their
 * regional health agency (ARS), and the department of a postcode. Loaded once from readable CSV
 * resources in this package.
 */
@NullMarked
package io.valise.lab.geo;

import org.jspecify.annotations.NullMarked;
