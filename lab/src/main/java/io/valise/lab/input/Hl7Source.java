package io.valise.lab.input;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.model.v25.datatype.CE;
import ca.uhn.hl7v2.model.v25.datatype.CX;
import ca.uhn.hl7v2.model.v25.datatype.XAD;
import ca.uhn.hl7v2.model.v25.datatype.XCN;
import ca.uhn.hl7v2.model.v25.datatype.XPN;
import ca.uhn.hl7v2.model.v25.datatype.XTN;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_OBSERVATION;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_PATIENT_RESULT;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.model.v25.segment.OBR;
import ca.uhn.hl7v2.model.v25.segment.OBX;
import ca.uhn.hl7v2.model.v25.segment.ORC;
import ca.uhn.hl7v2.model.v25.segment.PID;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.valise.lab.geo.Geography;
import io.valise.lab.ident.InsOid;
import io.valise.lab.record.Column;
import io.valise.lab.record.LabRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads HL7 v2.5 ORU^R01 messages (docs/lab.md, "Input formats"), one message at a time: a file
 * holds one or more messages, optionally inside FHS/BHS batch segments (skipped), segments ended by
 * CR, LF or CRLF (the MLLP block characters 0x0B and 0x1C of a captured feed count as line ends).
 * Each message is parsed by HAPI's pipe parser into the v2.5 structures (a message of another 2.x
 * version is read as 2.5), without HAPI's validation: {@link io.valise.lab.record.RecordValidator}
 * judges the values.
 *
 * <p>The NIR is the PID-3 repetition whose assigning authority (CX-4.2) is an INS OID, which gives
 * {@code nir_oid}; else the one whose type (CX-5) is INS, NH or SS, else PID-19, with an empty
 * {@code nir_oid}.
 *
 * <p>Each OBX with a coded or text value gives one record; numeric OBX (NM, SN: cycle thresholds
 * and other measurements) are companions and give none. A message with no such OBX gives one record
 * without test and result, so that validation reports it. A record's row is the segment number of
 * its OBX in the file (every segment counts, batch segments too; blank lines do not), which is its
 * line when each segment is on its own line; the record of a message without a result has the row
 * of its MSH.
 *
 * <p>A message that cannot be parsed (not HL7, not ORU^R01, an unknown character set, bytes that
 * are not in it, longer than 4 MiB) stops the file with an {@link IOException} naming the message
 * number and the line of its MSH, as the CSV reader does for a broken line.
 */
public final class Hl7Source implements RecordSource {
  /** The longest message accepted, in bytes. */
  static final int MAX_MESSAGE = 4 << 20;

  private static final String RPPS_OID = "1.2.250.1.71.4.2.1";

  private final InputStream in;
  private final PipeParser parser;
  private final Geography geo = Geography.france();
  private final Deque<LabRecord> ready = new ArrayDeque<>();
  private long line; // segments read so far
  private long messages; // messages read so far
  private byte @Nullable [] pending; // a segment read ahead
  private long pendingLine;
  private boolean eof;

  private static final class Hapi {
    static final HapiContext CONTEXT = context();

    private static HapiContext context() {
      HapiContext c = new DefaultHapiContext(new CanonicalModelClassFactory("2.5"));
      c.setValidationContext(ValidationContextFactory.noValidation());
      c.getParserConfiguration().setValidating(false);
      return c;
    }
  }

  /** Reads from {@code in} (closed by {@link #close()}). */
  public Hl7Source(InputStream in) {
    this.in = in;
    this.parser = Hapi.CONTEXT.getPipeParser();
  }

  @Override
  public @Nullable LabRecord next() throws IOException {
    while (ready.isEmpty()) {
      if (!readMessage()) {
        return null;
      }
    }
    return ready.poll();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Reads the next message into {@link #ready}; false at the end of the file. */
  private boolean readMessage() throws IOException {
    byte[] seg;
    long segLine;
    while (true) {
      if (pending != null) {
        seg = pending;
        segLine = pendingLine;
        pending = null;
      } else {
        byte[] s = segment();
        if (s == null) {
          return false;
        }
        seg = s;
        segLine = line;
      }
      if (is(seg, "MSH")) {
        break;
      }
      if (!is(seg, "FHS") && !is(seg, "BHS") && !is(seg, "BTS") && !is(seg, "FTS")) {
        throw new IOException(
            "line " + segLine + ": a segment outside a message (a message starts with MSH)");
      }
    }
    long number = ++messages;
    long mshLine = segLine;
    ByteArrayOutputStream message = new ByteArrayOutputStream(1024);
    List<Long> obxLines = new ArrayList<>();
    byte[] msh = seg;
    message.write(seg);
    while (true) {
      byte[] s = segment();
      if (s == null) {
        break;
      }
      if (is(s, "MSH") || is(s, "BHS") || is(s, "BTS") || is(s, "FHS") || is(s, "FTS")) {
        pending = s;
        pendingLine = line;
        break;
      }
      if (is(s, "OBX")) {
        obxLines.add(line);
      }
      if (message.size() + s.length + 1 > MAX_MESSAGE) {
        throw error(number, mshLine, "longer than " + (MAX_MESSAGE >> 20) + " MiB");
      }
      message.write('\r');
      message.write(s);
    }
    String text = decode(message.toByteArray(), charset(msh, number, mshLine), number, mshLine);
    Message parsed;
    try {
      parsed = parser.parse(text);
    } catch (HL7Exception | RuntimeException e) {
      throw error(number, mshLine, "cannot be parsed: " + reason(e));
    }
    if (!(parsed instanceof ORU_R01 oru)) {
      throw error(number, mshLine, "is not an ORU^R01 message");
    }
    try {
      map(oru, obxLines, mshLine, number);
    } catch (HL7Exception e) {
      throw error(number, mshLine, "cannot be read: " + reason(e));
    }
    return true;
  }

  private void map(ORU_R01 oru, List<Long> obxLines, long mshLine, long number)
      throws HL7Exception, IOException {
    String mshFiness = value(oru.getMSH().getSendingFacility().getNamespaceID());
    int obxSeen = 0;
    int before = ready.size();
    for (ORU_R01_PATIENT_RESULT pr : oru.getPATIENT_RESULTAll()) {
      Map<Column, String> patient = patient(pr.getPATIENT().getPID());
      for (ORU_R01_ORDER_OBSERVATION oo : pr.getORDER_OBSERVATIONAll()) {
        OBR obr = oo.getOBR();
        ORC orc = oo.getORC();
        Map<Column, String> order = new EnumMap<>(patient);
        order.put(Column.SAMPLED_AT, Times.hl7ToIso(value(obr.getObservationDateTime().getTime())));
        order.put(
            Column.RESULTED_AT,
            Times.hl7ToIso(value(obr.getResultsRptStatusChngDateTime().getTime())));
        String rpps = rpps(obr.getOrderingProvider());
        order.put(Column.PRESCRIBER_RPPS, rpps.isEmpty() ? rpps(orc.getOrderingProvider()) : rpps);
        for (ORU_R01_OBSERVATION o : oo.getOBSERVATIONAll()) {
          OBX obx = o.getOBX();
          if (obx.isEmpty()) {
            continue;
          }
          obxSeen++;
          String type = value(obx.getValueType()).toUpperCase(Locale.ROOT);
          if (type.equals("NM") || type.equals("SN")) {
            continue;
          }
          Map<Column, String> v = new EnumMap<>(order);
          v.put(Column.LOINC, loinc(obx.getObservationIdentifier()));
          v.put(Column.RESULT, result(obx));
          String performer = performer(obx);
          v.put(Column.LAB_FINESS, performer.isEmpty() ? mshFiness : performer);
          long row = obxSeen <= obxLines.size() ? obxLines.get(obxSeen - 1) : mshLine;
          ready.add(LabRecord.of(row, v));
        }
      }
    }
    if (obxSeen != obxLines.size()) {
      ready.clear();
      throw error(
          number,
          mshLine,
          obxLines.size() - obxSeen + " OBX segments are not where an ORU^R01 message has them");
    }
    if (ready.size() == before) {
      // No result in this message: one record that validation will reject, never a silent drop.
      Map<Column, String> v = new EnumMap<>(Column.class);
      if (!oru.getPATIENT_RESULTAll().isEmpty()) {
        v.putAll(patient(oru.getPATIENT_RESULT().getPATIENT().getPID()));
      }
      v.put(Column.LAB_FINESS, mshFiness);
      ready.add(LabRecord.of(mshLine, v));
    }
  }

  private Map<Column, String> patient(PID pid) throws HL7Exception {
    Map<Column, String> v = new EnumMap<>(Column.class);
    // PID-3: the repetition whose assigning authority is an INS OID, else one typed INS or NH.
    CX nir = null;
    for (CX cx : pid.getPatientIdentifierList()) {
      if (InsOid.of(value(cx.getAssigningAuthority().getUniversalID())).isPresent()) {
        nir = cx;
        break;
      }
    }
    if (nir == null) {
      for (CX cx : pid.getPatientIdentifierList()) {
        String t = value(cx.getIdentifierTypeCode());
        if (t.equals("INS") || t.equals("NH") || t.equals("SS")) {
          nir = cx;
          break;
        }
      }
    }
    if (nir != null) {
      v.put(Column.NIR, value(nir.getIDNumber()));
      String oid = value(nir.getAssigningAuthority().getUniversalID());
      v.put(Column.NIR_OID, InsOid.of(oid).isPresent() ? oid : "");
    } else {
      // PID-19, the social security number field of older interfaces; its kind is not stated.
      v.put(Column.NIR, value(pid.getSSNNumberPatient()));
      v.put(Column.NIR_OID, "");
    }
    // PID-5: the legal (birth) name, else the first.
    XPN name = null;
    for (XPN n : pid.getPatientName()) {
      if (value(n.getNameTypeCode()).equals("L")) {
        name = n;
        break;
      }
    }
    if (name == null && pid.getPatientNameReps() > 0) {
      name = pid.getPatientName(0);
    }
    if (name != null) {
      v.put(Column.BIRTH_NAME, value(name.getFamilyName().getSurname()));
      v.put(
          Column.FIRST_NAMES,
          firstNames(
              value(name.getGivenName()),
              value(name.getSecondAndFurtherGivenNamesOrInitialsThereof())));
    }
    v.put(Column.BIRTH_DATE, Times.hl7ToDate(value(pid.getDateTimeOfBirth().getTime())));
    v.put(Column.SEX, value(pid.getAdministrativeSex()));
    // PID-11: the home address, else the first.
    XAD address = null;
    for (XAD a : pid.getPatientAddress()) {
      if (value(a.getAddressType()).equals("H")) {
        address = a;
        break;
      }
    }
    if (address == null && pid.getPatientAddressReps() > 0) {
      address = pid.getPatientAddress(0);
    }
    if (address != null) {
      v.put(Column.ADDRESS, value(address.getStreetAddress().getStreetOrMailingAddress()));
      v.put(Column.COMMUNE, value(address.getCity()));
      String postcode = value(address.getZipOrPostalCode());
      v.put(Column.POSTCODE, postcode);
      v.put(Column.DEPARTMENT, department(postcode));
    }
    // PID-13: the first telephone and the first email address.
    String phone = "";
    String email = "";
    for (XTN t : pid.getPhoneNumberHome()) {
      boolean internet =
          value(t.getTelecommunicationUseCode()).equals("NET")
              || value(t.getTelecommunicationEquipmentType()).equalsIgnoreCase("Internet")
              || value(t.getTelecommunicationEquipmentType()).equalsIgnoreCase("X.400");
      if (internet) {
        if (email.isEmpty()) {
          email = value(t.getEmailAddress());
        }
      } else if (phone.isEmpty()) {
        phone = value(t.getUnformattedTelephoneNumber());
        if (phone.isEmpty()) {
          phone = value(t.getTelephoneNumber());
        }
      }
    }
    v.put(Column.PHONE, phone);
    v.put(Column.EMAIL, email);
    return v;
  }

  private String department(String postcode) {
    return geo.departmentOfPostcode(postcode.trim()).map(d -> d.code()).orElse("");
  }

  /**
   * First names from XPN-2 (the first) and XPN-3 (the others, or all of them as the French INS
   * practice writes them): XPN-3 alone when it starts with XPN-2.
   */
  static String firstNames(String given, String further) {
    String g = given.trim();
    String f = further.trim();
    if (f.isEmpty()) {
      return g;
    }
    if (g.isEmpty() || f.equals(g) || f.startsWith(g + " ")) {
      return f;
    }
    return g + " " + f;
  }

  /** The RPPS number of an ordering provider: the repetition marked RPPS, else the first ID. */
  private static String rpps(XCN[] providers) {
    for (XCN x : providers) {
      String type = value(x.getIdentifierTypeCode());
      String oid = value(x.getAssigningAuthority().getUniversalID());
      if (type.equals("RPPS") || oid.equals(RPPS_OID)) {
        return stripPrefix(value(x.getIDNumber()), '8', 11);
      }
    }
    for (XCN x : providers) {
      String id = value(x.getIDNumber());
      if (!id.isEmpty()) {
        return id;
      }
    }
    return "";
  }

  /**
   * The national structure and professional identifiers (idNatSt, idNatPS) put a one-digit type
   * before the FINESS ({@code 1}) or RPPS ({@code 8}) number; this removes it.
   */
  static String stripPrefix(String id, char prefix, int length) {
    String t = id.trim();
    return t.length() == length + 1 && t.charAt(0) == prefix ? t.substring(1) : t;
  }

  /** OBX-23 (v2.5.1, performing organisation) XON-10, if the message has it. */
  private static String performer(OBX obx) {
    try {
      if (obx.numFields() < 23) {
        return "";
      }
      Type[] reps = obx.getField(23);
      if (reps.length == 0) {
        return "";
      }
      Type t = reps[0] instanceof Varies var ? var.getData() : reps[0];
      String id = component(t, 10);
      return stripPrefix(id, '1', 9);
    } catch (HL7Exception e) {
      return "";
    }
  }

  /** The LOINC code of OBX-3: the identifier whose coding system is LN (first or alternate). */
  private static String loinc(CE ce) {
    if (value(ce.getNameOfCodingSystem()).equals("LN")) {
      return value(ce.getIdentifier());
    }
    if (value(ce.getNameOfAlternateCodingSystem()).equals("LN")) {
      return value(ce.getAlternateIdentifier());
    }
    // Not said to be LOINC: given as it is, validation rejects it if it is not a configured test.
    return value(ce.getIdentifier());
  }

  /** OBX-5 (first repetition) as positive, negative or inconclusive when it is known. */
  private static String result(OBX obx) {
    if (obx.getObservationValueReps() == 0) {
      return "";
    }
    Type data = obx.getObservationValue(0).getData();
    if (data instanceof Composite) {
      // CE, CWE, CNE: identifier, text, system, alternate identifier, alternate text.
      String code = component(data, 1);
      String text = component(data, 2);
      String r = Results.of(code, text);
      if (Results.ofCode(code) == null && Results.ofText(text) == null) {
        String alt = component(data, 4);
        String altText = component(data, 5);
        if (!alt.isEmpty() || !altText.isEmpty()) {
          String a = Results.of(alt, altText);
          if (a.equals("positive") || a.equals("negative") || a.equals("inconclusive")) {
            return a;
          }
        }
      }
      return r;
    }
    return Results.of("", primitive(data));
  }

  /** Component {@code n} (1-based) of a composite, its first sub-component if it has some. */
  private static String component(Type t, int n) {
    if (t instanceof Composite c) {
      Type[] parts = c.getComponents();
      if (n > parts.length) {
        return "";
      }
      Type p = parts[n - 1];
      if (p instanceof Varies var) {
        p = var.getData();
      }
      return p instanceof Composite ? component(p, 1) : primitive(p);
    }
    return n == 1 ? primitive(t) : "";
  }

  private static String primitive(Type t) {
    if (t instanceof Primitive p) {
      return value(p);
    }
    if (t instanceof Varies var) {
      return primitive(var.getData());
    }
    return t instanceof Composite ? component(t, 1) : "";
  }

  private static String value(Primitive p) {
    String s = p.getValue();
    return s == null ? "" : s;
  }

  private static boolean is(byte[] seg, String name) {
    return seg.length >= 4
        && seg[0] == name.charAt(0)
        && seg[1] == name.charAt(1)
        && seg[2] == name.charAt(2)
        && seg[3] != '\r';
  }

  /**
   * The character set of MSH-18: UTF-8 when empty or {@code UNICODE UTF-8} (ASCII is a subset), ISO
   * 8859-1 or -15 for {@code 8859/1} and {@code 8859/15}.
   */
  private static Charset charset(byte[] msh, long number, long mshLine) throws IOException {
    if (msh.length < 4) {
      throw error(number, mshLine, "has no field separator after MSH");
    }
    byte sep = msh[3];
    int field = 1;
    int start = -1;
    int end = msh.length;
    for (int i = 3; i < msh.length; i++) {
      if (msh[i] == sep) {
        field++;
        if (field == 18) {
          start = i + 1;
        } else if (field == 19) {
          end = i;
          break;
        }
      }
    }
    String cs =
        start < 0
            ? ""
            : new String(msh, start, end - start, StandardCharsets.ISO_8859_1)
                .split("[\\^~]", 2)[0].trim();
    return switch (cs.toUpperCase(Locale.ROOT)) {
      case "", "ASCII", "UNICODE UTF-8" -> StandardCharsets.UTF_8;
      case "8859/1" -> StandardCharsets.ISO_8859_1;
      case "8859/15" -> Charset.forName("ISO-8859-15");
      default -> throw error(number, mshLine, "has a character set Valise does not read (MSH-18)");
    };
  }

  private static String decode(byte[] bytes, Charset cs, long number, long mshLine)
      throws IOException {
    try {
      return cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw error(number, mshLine, "has bytes that are not " + cs.name());
    }
  }

  /** The next segment (without its end), or null at the end of the file; skips blank lines. */
  private byte @Nullable [] segment() throws IOException {
    if (eof) {
      return null;
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream(256);
    while (true) {
      int c = in.read();
      if (c < 0) {
        eof = true;
        break;
      }
      if (c == '\r' || c == '\n' || c == 0x0B || c == 0x1C) {
        // Line ends, and the MLLP block characters of a capture of a network feed.
        if (b.size() > 0) {
          break;
        }
        continue;
      }
      if (b.size() == 0 && line == 0 && messages == 0 && c == 0xEF) {
        // A UTF-8 byte order mark at the start of the file.
        if (in.read() == 0xBB && in.read() == 0xBF) {
          continue;
        }
        throw new IOException("line 1: not an HL7 v2 file");
      }
      if (b.size() >= MAX_MESSAGE) {
        throw new IOException("line " + (line + 1) + ": a segment longer than 4 MiB");
      }
      b.write(c);
    }
    if (b.size() == 0) {
      return null;
    }
    line++;
    return b.toByteArray();
  }

  private static IOException error(long number, long mshLine, String reason) {
    return new IOException("message " + number + " (line " + mshLine + "): " + reason);
  }

  /**
   * HAPI's message, without the part some of its exceptions add that quotes the start of the
   * message (which may hold personal data), and not too long.
   */
  private static String reason(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int quote = m.indexOf("The following is the first");
    if (quote >= 0) {
      m = m.substring(0, quote).trim();
    }
    m = m.replaceAll("[\\r\\n]+", " ");
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }
}
