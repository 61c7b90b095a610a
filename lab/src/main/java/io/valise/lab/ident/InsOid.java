package io.valise.lab.ident;

import java.util.Optional;

/**
 * The assigning-authority OIDs of the INS (identité nationale de santé) matricule, which say
 * whether a NIR column holds a NIR or a NIA, and whether it is a real person or a test identity.
 * Source: the ANS INS documentation and the FR Core FHIR profiles (identifier slices INS-NIR,
 * INS-NIA, INS-NIR-TEST "autorité d'affectation des INS-NIR de test", INS-NIA-TEST). Valise marks
 * every synthetic record with a test OID (docs/lab.md, "Synthetic data").
 */
public enum InsOid {
  NIR("1.2.250.1.213.1.4.8", false),
  NIA("1.2.250.1.213.1.4.9", false),
  NIR_TEST("1.2.250.1.213.1.4.10", true),
  NIA_TEST("1.2.250.1.213.1.4.11", true);

  private final String oid;
  private final boolean test;

  InsOid(String oid, boolean test) {
    this.oid = oid;
    this.test = test;
  }

  public String oid() {
    return oid;
  }

  /** True for the OIDs reserved for test identities. */
  public boolean test() {
    return test;
  }

  public static Optional<InsOid> of(String oid) {
    for (InsOid o : values()) {
      if (o.oid.equals(oid)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }
}
