package io.valise.lab.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a valid record may contain beyond the identifiers' own rules: the LOINC codes of the tests
 * accepted (code to name) and the result values.
 */
public record Rules(Map<String, String> loinc, Set<String> results) {
  /** The result values of the default rules. */
  public static final Set<String> DEFAULT_RESULTS = Set.of("positive", "negative", "inconclusive");

  public Rules {
    loinc = Map.copyOf(loinc);
    results = Set.copyOf(results);
  }

  /** The SARS-CoV-2 RT-PCR and antigen tests of {@code loinc-sars-cov-2.csv}, and the results. */
  public static Rules sarsCov2() {
    try (InputStream in = Rules.class.getResourceAsStream("loinc-sars-cov-2.csv")) {
      if (in == null) {
        throw new IllegalStateException("missing resource loinc-sars-cov-2.csv");
      }
      return new Rules(
          readLoinc(new InputStreamReader(in, StandardCharsets.UTF_8)), DEFAULT_RESULTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a LOINC list: lines {@code code,name}, a header line {@code loinc,name}, comments
   * starting with #.
   */
  public static Map<String, String> readLoinc(Reader in) throws IOException {
    Map<String, String> codes = new LinkedHashMap<>();
    BufferedReader r = new BufferedReader(in);
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith("loinc,")) {
        continue;
      }
      int comma = line.indexOf(',');
      String code = (comma < 0 ? line : line.substring(0, comma)).trim();
      if (!code.matches("[0-9]{1,7}-[0-9]")) {
        throw new IOException("not a LOINC code: " + code);
      }
      codes.put(code, comma < 0 ? "" : line.substring(comma + 1).trim());
    }
    return codes;
  }
}
