package io.valise.lab.input;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import io.valise.lab.ident.InsOid;
import io.valise.lab.record.LabRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;

/**
 * Writes lab records as FHIR R4 Bundles in NDJSON (one Bundle per record, one per line), in the
 * mapping {@link FhirSource} reads (docs/lab.md, "Input formats"): a {@code collection} Bundle with
 * Patient, Organization (the lab), Practitioner and ServiceRequest (when prescribed), Observation
 * and DiagnosticReport, linked by {@code urn:uuid:} references derived from the record's number.
 * The record of Bundle {@code n} (from 1) is read back with row {@code n}.
 */
public final class FhirWriter {
  private final Writer out;
  private final IParser parser;
  private long count;

  private FhirWriter(Writer out) {
    this.out = out;
    this.parser = FhirSource.context().newJsonParser();
  }

  /** Writes to {@code out} (not closed by this writer). */
  public static FhirWriter open(OutputStream out) {
    return new FhirWriter(
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
  }

  /**
   * Writes one Bundle.
   *
   * @throws IOException if the stream fails, or a date of the record cannot be written in FHIR
   */
  public void write(LabRecord r) throws IOException {
    count++;
    try {
      out.write(parser.encodeResourceToString(bundle(r)));
    } catch (DataFormatException | IllegalArgumentException e) {
      throw new IOException("record " + count + ": a date cannot be written in FHIR");
    }
    out.write('\n');
  }

  /** Flushes; does not close the stream. */
  public void finish() throws IOException {
    out.flush();
  }

  private String url(int k) {
    return "urn:uuid:"
        + UUID.nameUUIDFromBytes(("valise-" + count + "-" + k).getBytes(StandardCharsets.UTF_8));
  }

  private Bundle bundle(LabRecord r) {
    Bundle b = new Bundle();
    b.setType(Bundle.BundleType.COLLECTION);

    Patient p = new Patient();
    String oid = r.nirOid();
    if (InsOid.of(oid).isPresent()) {
      p.addIdentifier().setSystem("urn:oid:" + oid).setValue(r.nir());
    } else {
      // The kind of number is not stated: a social security number, without an INS system.
      Identifier id = p.addIdentifier().setValue(r.nir());
      id.getType().addCoding(new Coding(FhirSource.V2_0203, "SS", null));
    }
    HumanName name = p.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(r.birthName());
    for (String g : r.firstNames().trim().split(" +", -1)) {
      if (!g.isEmpty()) {
        name.addGiven(g);
      }
    }
    switch (r.sex()) {
      case "M" -> p.setGender(Enumerations.AdministrativeGender.MALE);
      case "F" -> p.setGender(Enumerations.AdministrativeGender.FEMALE);
      default -> {}
    }
    if (!r.birthDate().isEmpty()) {
      p.setBirthDateElement(new DateType(r.birthDate()));
    }
    Address a = p.addAddress().setUse(Address.AddressUse.HOME);
    if (!r.address().isEmpty()) {
      a.addLine(r.address());
    }
    a.setPostalCode(r.postcode()).setCity(r.commune()).setCountry("FR");
    if (!r.phone().isEmpty()) {
      p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(r.phone());
    }
    if (!r.email().isEmpty()) {
      p.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(r.email());
    }
    add(b, 1, p);

    Organization lab = new Organization();
    lab.addIdentifier()
        .setSystem(FhirSource.FINESS_OID)
        .setValue(r.labFiness().length() == 9 ? "1" + r.labFiness() : r.labFiness());
    add(b, 2, lab);

    Reference order = null;
    if (!r.prescriberRpps().isEmpty()) {
      Practitioner pr = new Practitioner();
      String rpps = r.prescriberRpps();
      pr.addIdentifier()
          .setSystem(FhirSource.RPPS_OID)
          .setValue(rpps.matches("\\d{11}") ? "8" + rpps : rpps);
      add(b, 3, pr);
      ServiceRequest sr = new ServiceRequest();
      sr.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
      sr.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
      sr.setCode(loinc(r.loinc()));
      sr.setSubject(new Reference(url(1)));
      sr.setRequester(new Reference(url(3)));
      add(b, 4, sr);
      order = new Reference(url(4));
    }

    Observation o = new Observation();
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.setCode(loinc(r.loinc()));
    o.setSubject(new Reference(url(1)));
    if (!r.sampledAt().isEmpty()) {
      o.setEffective(new DateTimeType(r.sampledAt()));
    }
    String[] snomed = Results.SNOMED_OUT.get(r.result());
    if (snomed != null) {
      o.setValue(new CodeableConcept(new Coding("http://snomed.info/sct", snomed[0], snomed[1])));
    } else if (!r.result().isEmpty()) {
      o.setValue(new StringType(r.result()));
    }
    o.addPerformer(new Reference(url(2)));
    if (order != null) {
      o.addBasedOn(order.copy());
    }
    add(b, 5, o);

    DiagnosticReport dr = new DiagnosticReport();
    dr.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
    dr.setCode(loinc(r.loinc()));
    dr.setSubject(new Reference(url(1)));
    if (!r.sampledAt().isEmpty()) {
      dr.setEffective(new DateTimeType(r.sampledAt()));
    }
    if (!r.resultedAt().isEmpty()) {
      dr.setIssuedElement(new InstantType(r.resultedAt()));
    }
    dr.addPerformer(new Reference(url(2)));
    dr.addResult(new Reference(url(5)));
    if (order != null) {
      dr.addBasedOn(order.copy());
    }
    add(b, 6, dr);
    return b;
  }

  private static CodeableConcept loinc(String code) {
    return new CodeableConcept(new Coding(FhirSource.LOINC, code, null));
  }

  private void add(Bundle b, int k, Resource r) {
    b.addEntry().setFullUrl(url(k)).setResource(r);
  }
}
