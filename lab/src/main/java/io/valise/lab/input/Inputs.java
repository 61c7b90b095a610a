package io.valise.lab.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Opens a lab input file in its format, given or detected. */
public final class Inputs {
  private Inputs() {}

  /**
   * Opens {@code file} as a stream of records.
   *
   * @param format the format, or null to detect it from the first bytes
   * @throws IOException if the file cannot be read, or its format is unknown or not supported yet
   */
  public static RecordSource open(Path file, @Nullable Format format) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      Format f = format != null ? format : detect(in);
      return switch (f) {
        case CSV -> CsvSource.open(in);
        case HL7V2 -> new Hl7Source(in);
        case FHIR -> new FhirSource(in);
      };
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * The format of the stream at its current position, read from its first bytes without consuming
   * them: {@code MSH|} (or a batch header {@code FHS|}/{@code BHS|}) is HL7 v2, a JSON object or
   * array is FHIR, anything else is CSV.
   */
  public static Format detect(InputStream in) throws IOException {
    in.mark(64);
    byte[] start = in.readNBytes(64);
    in.reset();
    String s = new String(start, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (s.startsWith("\uFEFF") || s.startsWith("\u00EF\u00BB\u00BF")) {
      s = s.substring(s.startsWith("\uFEFF") ? 1 : 3);
    }
    String trimmed = s.stripLeading();
    if (s.startsWith("MSH|") || s.startsWith("FHS|") || s.startsWith("BHS|")) {
      return Format.HL7V2;
    }
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      return Format.FHIR;
    }
    return Format.CSV;
  }
}
