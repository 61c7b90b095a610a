package io.valise.lab.profile;

import java.util.Locale;

/**
 * The kinds of personal data an output field carries, as the manifest lists them for each envelope.
 * A field is counted in the widest category it could reveal: a pseudonymous NIR hash is still
 * {@link #NIR}, an age band is still {@link #IDENTITY}, a department is still {@link #CONTACT}.
 */
public enum Category {
  /** Names, sex, birth date or age band. */
  IDENTITY,
  /** The NIR, its assigning authority, or a keyed hash of it. */
  NIR,
  /** Address, postcode, commune, department, phone, email. */
  CONTACT,
  /** The test, its result and its dates. */
  HEALTH_RESULT,
  /** The lab's FINESS and the prescriber's RPPS. */
  PROFESSIONAL;

  /** The name in the manifest: {@code identity}, {@code nir}, {@code health_result}... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
