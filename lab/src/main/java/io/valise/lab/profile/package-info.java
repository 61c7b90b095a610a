/**
 * Minimisation profiles for {@code valise lab send}: which recipient groups get which records with
 * which fields (docs/lab.md, "Profiles"), read from a small strict INI file, and the routing of
 * each record to its groups.
 */
@NullMarked
package io.valise.lab.profile;

import org.jspecify.annotations.NullMarked;
