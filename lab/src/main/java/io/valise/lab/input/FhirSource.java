package io.valise.lab.input;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.valise.lab.geo.Geography;
import io.valise.lab.ident.InsOid;
import io.valise.lab.record.Column;
import io.valise.lab.record.LabRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;

/**
 * Reads FHIR R4 Bundles in JSON (docs/lab.md, "Input formats"), one Bundle at a time: a file holds
 * one Bundle, several one after the other (NDJSON, one per line, as {@link FhirWriter} writes), or
 * a JSON array of Bundles. The file is split with Jackson's streaming parser and each Bundle is
 * parsed by HAPI FHIR's JSON parser (never XML); only one Bundle is in memory at a time.
 *
 * <p>Each Observation with a coded or text value gives one record (an Observation with a quantity,
 * such as a cycle threshold, is a companion and gives none): the DiagnosticReport that lists it in
 * {@code result} gives the result time ({@code issued}), the lab ({@code performer}) and the order
 * ({@code basedOn}, a ServiceRequest whose {@code requester} is the prescriber); an Observation no
 * report lists uses its own {@code issued}, {@code performer} and {@code basedOn}. A Bundle with no
 * such Observation gives one record without test and result, so that validation reports it. A
 * record's row is the number of its Bundle in the file (from 1), which is its line in NDJSON.
 *
 * <p>The NIR is the Patient identifier whose system is {@code urn:oid:} and an INS OID (which gives
 * {@code nir_oid}), else one typed INS-NIR, INS-NIA, NH or SS (with an empty {@code nir_oid}). The
 * whole mapping is in docs/lab.md.
 *
 * <p>Text that is not JSON, a top-level value that is not a Bundle, or a reference to a resource
 * that is not in the Bundle stops the file with an {@link IOException} naming the Bundle's number
 * and line.
 */
public final class FhirSource implements RecordSource {
  static final String NIR_SYSTEM_PREFIX = "urn:oid:";
  static final String FINESS_OID = "urn:oid:1.2.250.1.71.4.2.2";
  static final String FINESS_URL = "http://finess.sante.gouv.fr";
  static final String RPPS_OID = "urn:oid:1.2.250.1.71.4.2.1";
  static final String RPPS_URL = "http://rpps.fr";
  static final String LOINC = "http://loinc.org";
  static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
  private static final Set<String> NIR_TYPES =
      Set.of("INS-NIR", "INS-NIA", "INS-NIR-TEST", "INS-NIA-TEST", "NH", "SS");

  private static final class Hapi {
    static final FhirContext CONTEXT = FhirContext.forR4Cached();
  }

  /** HAPI's R4 context, made on first use (it takes a moment and is shared). */
  static FhirContext context() {
    return Hapi.CONTEXT;
  }

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonParser json;
  private final IParser parser;
  private final Geography geo = Geography.france();
  private final Deque<LabRecord> ready = new ArrayDeque<>();
  private long bundles;
  private boolean inArray;
  private boolean started;
  private boolean done;

  /** Reads from {@code in} (closed by {@link #close()}). */
  public FhirSource(InputStream in) throws IOException {
    this.json = mapper.createParser(in);
    this.parser = Hapi.CONTEXT.newJsonParser();
    // Lenient about elements it does not know, silent (its messages may quote values), and strict
    // about values that are not of their type.
    parser.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(true));
  }

  @Override
  public @Nullable LabRecord next() throws IOException {
    while (ready.isEmpty()) {
      if (!readBundle()) {
        return null;
      }
    }
    return ready.poll();
  }

  @Override
  public void close() throws IOException {
    json.close();
  }

  private boolean readBundle() throws IOException {
    if (done) {
      return false;
    }
    JsonToken t;
    try {
      t = json.nextToken();
      if (!started && t == JsonToken.START_ARRAY) {
        inArray = true;
        t = json.nextToken();
      }
      started = true;
      if (t == null || (inArray && t == JsonToken.END_ARRAY)) {
        if (inArray && json.nextToken() != null) {
          throw new IOException(
              "line " + json.currentLocation().getLineNr() + ": text after the array of Bundles");
        }
        done = true;
        return false;
      }
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException("line " + json.currentLocation().getLineNr() + ": not JSON");
    }
    long number = ++bundles;
    long line = json.currentTokenLocation().getLineNr();
    if (t != JsonToken.START_OBJECT) {
      throw error(number, line, "is not a JSON object");
    }
    JsonNode node;
    try {
      node = mapper.readTree(json);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      // Jackson finds a bad sequence at one of its bytes, up to 3 after its first.
      if (e.getOriginalMessage().startsWith("Invalid UTF-8")) {
        throw error(
            number,
            line,
            "has bytes that are not UTF-8 near byte offset "
                + e.getLocation().getByteOffset()
                + ", line "
                + e.getLocation().getLineNr()
                + " (the file must be UTF-8; was it saved as Latin-1 or Windows-1252?)");
      }
      throw error(number, line, "is not JSON (at line " + json.currentLocation().getLineNr() + ")");
    }
    if (!"Bundle".equals(node.path("resourceType").asText())) {
      throw error(number, line, "is not a Bundle");
    }
    Bundle bundle;
    try {
      bundle = parser.parseResource(Bundle.class, mapper.writeValueAsString(node));
    } catch (DataFormatException | IllegalArgumentException e) {
      throw error(number, line, "is not a valid FHIR R4 Bundle");
    }
    map(bundle, number, line);
    return true;
  }

  private static IOException error(long number, long line, String reason) {
    return new IOException("bundle " + number + " (line " + line + "): " + reason);
  }

  private void map(Bundle bundle, long number, long line) throws IOException {
    Map<String, Resource> index = new HashMap<>();
    List<Resource> resources = new ArrayList<>();
    for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
      Resource r = e.getResource();
      if (r == null) {
        continue;
      }
      resources.add(r);
      if (e.hasFullUrl()) {
        index.put(e.getFullUrl(), r);
      }
      if (r.getIdElement().hasIdPart()) {
        index.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
      }
    }
    Resolver resolver = new Resolver(index, number, line);
    Set<Observation> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    int before = ready.size();
    for (Resource r : resources) {
      if (r instanceof DiagnosticReport dr) {
        for (Reference ref : dr.getResult()) {
          if (resolver.get(ref) instanceof Observation o) {
            seen.add(o);
            add(o, dr, resolver, number);
          } else {
            throw error(number, line, "a DiagnosticReport result is not an Observation");
          }
        }
      }
    }
    for (Resource r : resources) {
      if (r instanceof Observation o && !seen.contains(o)) {
        add(o, null, resolver, number);
      }
    }
    if (ready.size() == before) {
      Map<Column, String> v = new EnumMap<>(Column.class);
      for (Resource r : resources) {
        if (r instanceof Patient p) {
          patient(p, v);
          break;
        }
      }
      ready.add(LabRecord.of(number, v));
    }
  }

  private void add(Observation o, @Nullable DiagnosticReport dr, Resolver res, long number)
      throws IOException {
    if (o.hasValueQuantity()) {
      return; // a measurement that accompanies the result (cycle threshold...)
    }
    Map<Column, String> v = new EnumMap<>(Column.class);
    Reference subject = o.hasSubject() ? o.getSubject() : dr != null ? dr.getSubject() : null;
    if (subject != null && res.get(subject) instanceof Patient p) {
      patient(p, v);
    }
    v.put(Column.LOINC, loinc(o.getCode()));
    v.put(Column.RESULT, result(o));
    String sampled = "";
    if (o.hasEffectiveDateTimeType()) {
      sampled = text(o.getEffectiveDateTimeType());
    } else if (o.hasEffectivePeriod() && o.getEffectivePeriod().hasStart()) {
      sampled = text(o.getEffectivePeriod().getStartElement());
    } else if (dr != null && dr.hasEffectiveDateTimeType()) {
      sampled = text(dr.getEffectiveDateTimeType());
    }
    v.put(Column.SAMPLED_AT, Times.normalizeIso(sampled));
    String issued =
        dr != null && dr.hasIssued()
            ? text(dr.getIssuedElement())
            : o.hasIssued() ? text(o.getIssuedElement()) : "";
    v.put(Column.RESULTED_AT, Times.normalizeIso(issued));
    String finess = dr != null ? finess(dr.getPerformer(), res) : "";
    v.put(Column.LAB_FINESS, finess.isEmpty() ? finess(o.getPerformer(), res) : finess);
    String rpps = dr != null ? rpps(dr.getBasedOn(), res) : "";
    v.put(Column.PRESCRIBER_RPPS, rpps.isEmpty() ? rpps(o.getBasedOn(), res) : rpps);
    ready.add(LabRecord.of(number, v));
  }

  private void patient(Patient p, Map<Column, String> v) {
    for (Identifier id : p.getIdentifier()) {
      String system = id.hasSystem() ? id.getSystem() : "";
      if (system.startsWith(NIR_SYSTEM_PREFIX)
          && InsOid.of(system.substring(NIR_SYSTEM_PREFIX.length())).isPresent()) {
        v.put(Column.NIR, id.hasValue() ? id.getValue() : "");
        v.put(Column.NIR_OID, system.substring(NIR_SYSTEM_PREFIX.length()));
        break;
      }
    }
    if (!v.containsKey(Column.NIR)) {
      // No INS system: an identifier typed as an INS or a social security number, kind unstated.
      for (Identifier id : p.getIdentifier()) {
        boolean typed = false;
        for (Coding c : id.getType().getCoding()) {
          typed |= c.hasCode() && NIR_TYPES.contains(c.getCode());
        }
        if (typed) {
          v.put(Column.NIR, id.hasValue() ? id.getValue() : "");
          v.put(Column.NIR_OID, "");
          break;
        }
      }
    }
    HumanName name = null;
    for (HumanName n : p.getName()) {
      if (n.getUse() == HumanName.NameUse.OFFICIAL) {
        name = n;
        break;
      }
    }
    if (name == null && p.hasName()) {
      name = p.getNameFirstRep();
    }
    if (name != null) {
      v.put(Column.BIRTH_NAME, name.hasFamily() ? name.getFamily() : "");
      List<String> given = new ArrayList<>();
      for (var g : name.getGiven()) {
        if (g.hasValue()) {
          given.add(g.getValue().trim());
        }
      }
      v.put(Column.FIRST_NAMES, String.join(" ", given));
    }
    if (p.hasGender()) {
      v.put(
          Column.SEX,
          p.getGender() == Enumerations.AdministrativeGender.MALE
              ? "M"
              : p.getGender() == Enumerations.AdministrativeGender.FEMALE
                  ? "F"
                  : p.getGenderElement().getValueAsString());
    }
    v.put(Column.BIRTH_DATE, p.hasBirthDate() ? text(p.getBirthDateElement()) : "");
    Address address = null;
    for (Address a : p.getAddress()) {
      if (a.getUse() == Address.AddressUse.HOME) {
        address = a;
        break;
      }
    }
    if (address == null && p.hasAddress()) {
      address = p.getAddressFirstRep();
    }
    if (address != null) {
      List<String> lines = new ArrayList<>();
      for (var l : address.getLine()) {
        if (l.hasValue()) {
          lines.add(l.getValue().trim());
        }
      }
      v.put(Column.ADDRESS, String.join(" ", lines));
      String postcode = address.hasPostalCode() ? address.getPostalCode().trim() : "";
      v.put(Column.POSTCODE, postcode);
      v.put(Column.COMMUNE, address.hasCity() ? address.getCity() : "");
      v.put(Column.DEPARTMENT, geo.departmentOfPostcode(postcode).map(d -> d.code()).orElse(""));
    }
    String phone = "";
    String email = "";
    for (ContactPoint c : p.getTelecom()) {
      String value = c.hasValue() ? c.getValue() : "";
      if (c.getSystem() == ContactPoint.ContactPointSystem.EMAIL) {
        email = email.isEmpty() ? value : email;
      } else if (c.getSystem() == ContactPoint.ContactPointSystem.PHONE) {
        phone = phone.isEmpty() ? value : phone;
      }
    }
    v.put(Column.PHONE, phone);
    v.put(Column.EMAIL, email);
  }

  private static String loinc(CodeableConcept code) {
    for (Coding c : code.getCoding()) {
      if (LOINC.equals(c.getSystem()) && c.hasCode()) {
        return c.getCode();
      }
    }
    // Not said to be LOINC: given as it is, validation rejects it if it is not a configured test.
    return code.hasCoding() && code.getCodingFirstRep().hasCode()
        ? code.getCodingFirstRep().getCode()
        : "";
  }

  private static String result(Observation o) {
    if (o.hasValueCodeableConcept()) {
      CodeableConcept cc = o.getValueCodeableConcept();
      for (Coding c : cc.getCoding()) {
        String r = c.hasCode() ? Results.ofCode(c.getCode()) : null;
        if (r != null) {
          return r;
        }
      }
      String firstCode =
          cc.hasCoding() && cc.getCodingFirstRep().hasCode()
              ? cc.getCodingFirstRep().getCode()
              : "";
      String text =
          cc.hasText()
              ? cc.getText()
              : cc.hasCoding() && cc.getCodingFirstRep().hasDisplay()
                  ? cc.getCodingFirstRep().getDisplay()
                  : "";
      return Results.of(firstCode, text);
    }
    if (o.hasValueStringType()) {
      return Results.of("", o.getValueStringType().getValue());
    }
    Type value = o.getValue();
    return value instanceof PrimitiveType<?> p && p.hasValue() ? p.getValueAsString() : "";
  }

  private static String finess(List<Reference> performers, Resolver res) throws IOException {
    for (Reference ref : performers) {
      Resource r = res.get(ref);
      if (r instanceof PractitionerRole role && role.hasOrganization()) {
        r = res.get(role.getOrganization());
      }
      if (r instanceof Organization org) {
        for (Identifier id : org.getIdentifier()) {
          String v = id.hasValue() ? id.getValue().trim() : "";
          if (FINESS_OID.equals(id.getSystem())) {
            return Hl7Source.stripPrefix(v, '1', 9);
          }
          if (FINESS_URL.equals(id.getSystem())) {
            return v;
          }
        }
      }
    }
    return "";
  }

  private static String rpps(List<Reference> basedOn, Resolver res) throws IOException {
    for (Reference ref : basedOn) {
      if (!(res.get(ref) instanceof ServiceRequest sr) || !sr.hasRequester()) {
        continue;
      }
      Resource r = res.get(sr.getRequester());
      if (r instanceof PractitionerRole role && role.hasPractitioner()) {
        r = res.get(role.getPractitioner());
      }
      if (r instanceof Practitioner pr) {
        for (Identifier id : pr.getIdentifier()) {
          String v = id.hasValue() ? id.getValue().trim() : "";
          if (RPPS_OID.equals(id.getSystem())) {
            return Hl7Source.stripPrefix(v, '8', 11);
          }
          if (RPPS_URL.equals(id.getSystem())) {
            return v;
          }
        }
      }
    }
    return "";
  }

  private static String text(PrimitiveType<?> p) {
    String s = p.getValueAsString();
    return s == null ? "" : s;
  }

  /** Finds the resource a reference points to inside the Bundle. */
  private record Resolver(Map<String, Resource> index, long number, long line) {
    @Nullable Resource get(Reference ref) throws IOException {
      if (ref.getResource() instanceof Resource r) {
        return r;
      }
      if (!ref.hasReference()) {
        return null;
      }
      String s = ref.getReference();
      Resource r = index.get(s);
      if (r == null && !s.startsWith("urn:")) {
        IdType id = new IdType(s);
        if (id.hasResourceType() && id.hasIdPart()) {
          r = index.get(id.getResourceType() + "/" + id.getIdPart());
        }
      }
      if (r == null) {
        throw error(number, line, "a reference points to no resource of the Bundle");
      }
      return r;
    }
  }
}
