/**
 * Incident assessment (docs/lab.md, "Incident assessment"): from the audit log's entries, a time
 * window and what was compromised, which envelopes were exposed readable and which only as
 * ciphertext ({@link io.valise.lab.incident.ExposureAssessor}); with the data protection officer's
 * manifests ({@link io.valise.lab.incident.ManifestPeople}), how many people, by data category and
 * region ({@link io.valise.lab.incident.PeopleCounter}); the regulator notification draft and the
 * affected keyed hashes; and the join of those hashes with a lab's patient file ({@link
 * io.valise.lab.incident.NotifyJoin}). Pure functions over streams: no network.
 */
@NullMarked
package io.valise.lab.incident;

import org.jspecify.annotations.NullMarked;
