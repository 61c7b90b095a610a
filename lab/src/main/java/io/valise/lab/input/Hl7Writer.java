package io.valise.lab.input;

import io.valise.lab.ident.InsOid;
import io.valise.lab.record.LabRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes lab records as HL7 v2.5 ORU^R01 messages, one message per record, in the mapping {@link
 * Hl7Source} reads (docs/lab.md, "Input formats"): segments MSH, PID, ORC, OBR, OBX, ended by CR,
 * UTF-8 ({@code UNICODE UTF-8} in MSH-18). With {@code batch}, the messages are inside FHS/BHS and
 * BTS/FTS segments. The record of message {@code n} (from 1) is read back with row {@code 5n}, or
 * {@code 5n + 2} in a batch (its OBX is the fifth segment of its message).
 */
public final class Hl7Writer {
  private final Writer out;
  private final boolean batch;
  private long count;
  private boolean started;

  private Hl7Writer(Writer out, boolean batch) {
    this.out = out;
    this.batch = batch;
  }

  /** Writes to {@code out} (not closed by this writer). */
  public static Hl7Writer open(OutputStream out, boolean batch) {
    return new Hl7Writer(
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16), batch);
  }

  public void write(LabRecord r) throws IOException {
    start();
    count++;
    String sampled = Times.isoToHl7(r.sampledAt());
    String resulted = Times.isoToHl7(r.resultedAt());
    segment(
        "MSH",
        "^~\\&",
        "VALISE",
        e(r.labFiness()),
        "",
        "",
        e(resulted),
        "",
        "ORU^R01^ORU_R01",
        Long.toString(count),
        "P",
        "2.5",
        "",
        "",
        "",
        "",
        "FRA",
        "UNICODE UTF-8");
    String cx = e(r.nir()) + "^^^";
    cx += InsOid.of(r.nirOid()).isPresent() ? "&" + e(r.nirOid()) + "&ISO^INS" : "^SS";
    String first = r.firstNames().trim();
    int space = first.indexOf(' ');
    String xpn =
        e(r.birthName())
            + "^"
            + e(space < 0 ? first : first.substring(0, space))
            + "^"
            + (space < 0 ? "" : e(first))
            + "^^^^L";
    String xad = e(r.address()) + "^^" + e(r.commune()) + "^^" + e(r.postcode()) + "^FRA^H";
    List<String> xtn = new ArrayList<>();
    if (!r.phone().isEmpty()) {
      xtn.add(e(r.phone()) + "^PRN^PH");
    }
    if (!r.email().isEmpty()) {
      xtn.add("^NET^Internet^" + e(r.email()));
    }
    segment(
        "PID",
        "1",
        "",
        cx,
        "",
        xpn,
        "",
        e(Times.dateToHl7(r.birthDate())),
        e(r.sex()),
        "",
        "",
        xad,
        "",
        String.join("~", xtn));
    String xcn = "";
    if (!r.prescriberRpps().isEmpty()) {
      String id =
          r.prescriberRpps().matches("\\d{11}") ? "8" + r.prescriberRpps() : r.prescriberRpps();
      xcn = e(id) + "^^^^^^^^&1.2.250.1.71.4.2.1&ISO^^^^RPPS";
    }
    String[] orc = new String[12];
    java.util.Arrays.fill(orc, "");
    orc[0] = "RE";
    orc[11] = xcn;
    segment("ORC", orc);
    String loinc = e(r.loinc()) + "^^LN";
    String[] obr = new String[25];
    java.util.Arrays.fill(obr, "");
    obr[0] = "1";
    obr[3] = loinc;
    obr[6] = e(sampled);
    obr[15] = xcn;
    obr[21] = e(resulted);
    obr[24] = "F";
    segment("OBR", obr);
    String[] snomed = Results.SNOMED_OUT.get(r.result());
    String[] obx = new String[14];
    java.util.Arrays.fill(obx, "");
    obx[0] = "1";
    obx[1] = snomed != null ? "CWE" : "ST";
    obx[2] = loinc;
    obx[4] = snomed != null ? snomed[0] + "^" + snomed[1] + "^SCT" : e(r.result());
    obx[10] = "F";
    obx[13] = e(sampled);
    segment("OBX", obx);
  }

  private void start() throws IOException {
    if (!started && batch) {
      out.write("FHS|^~\\&|VALISE\rBHS|^~\\&|VALISE\r");
    }
    started = true;
  }

  /** Writes the batch trailers (if any) and flushes; does not close the stream. */
  public void finish() throws IOException {
    start();
    if (batch) {
      out.write("BTS|" + count + "\rFTS|1\r");
    }
    out.flush();
  }

  private void segment(String name, String... fields) throws IOException {
    out.write(name);
    int last = fields.length;
    while (last > 0 && fields[last - 1].isEmpty()) {
      last--;
    }
    for (int i = 0; i < last; i++) {
      out.write('|');
      out.write(fields[i]);
    }
    out.write('\r');
  }

  /** Escapes the HL7 delimiters (default encoding characters) and line breaks in a value. */
  static String e(String v) {
    StringBuilder b = new StringBuilder(v.length() + 8);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\E\\");
        case '|' -> b.append("\\F\\");
        case '^' -> b.append("\\S\\");
        case '&' -> b.append("\\T\\");
        case '~' -> b.append("\\R\\");
        case '\r' -> b.append("\\X0D\\");
        case '\n' -> b.append("\\X0A\\");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
