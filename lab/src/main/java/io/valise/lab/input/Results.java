package io.valise.lab.input;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a coded or written test result to the values of the CSV file ({@code positive}, {@code
 * negative}, {@code inconclusive}). A value this class does not know is returned as it was given,
 * so that validation rejects it with its reason instead of a guess being sent.
 *
 * <p>Codes: SNOMED CT 260373001 Detected, 260415000 Not detected, 10828004 Positive, 260385009
 * Negative, 419984006 Inconclusive, 82334004 Indeterminate; LOINC answers LA11882-0 Detected,
 * LA11883-8 Not detected, LA6576-8 Positive, LA6577-6 Negative, LA9663-1 Inconclusive, LA11884-6
 * Indeterminate; HL7 observation interpretation POS, NEG, DET, ND, IND. Text, in English or French,
 * ignoring case and accents: positive/positif/detected/détecté, negative/négatif/not detected/non
 * détecté, inconclusive/indeterminate/indéterminé/equivocal/douteux/ininterprétable.
 */
public final class Results {
  private Results() {}

  /** SNOMED CT code written for each value (and its display). */
  static final Map<String, String[]> SNOMED_OUT =
      Map.of(
          "positive", new String[] {"260373001", "Detected"},
          "negative", new String[] {"260415000", "Not detected"},
          "inconclusive", new String[] {"419984006", "Inconclusive"});

  private static final Map<String, String> CODES =
      Map.ofEntries(
          Map.entry("260373001", "positive"),
          Map.entry("10828004", "positive"),
          Map.entry("260415000", "negative"),
          Map.entry("260385009", "negative"),
          Map.entry("419984006", "inconclusive"),
          Map.entry("82334004", "inconclusive"),
          Map.entry("LA11882-0", "positive"),
          Map.entry("LA6576-8", "positive"),
          Map.entry("LA11883-8", "negative"),
          Map.entry("LA6577-6", "negative"),
          Map.entry("LA9663-1", "inconclusive"),
          Map.entry("LA11884-6", "inconclusive"),
          Map.entry("POS", "positive"),
          Map.entry("DET", "positive"),
          Map.entry("NEG", "negative"),
          Map.entry("ND", "negative"),
          Map.entry("IND", "inconclusive"));

  private static final Map<String, String> TEXT =
      Map.ofEntries(
          Map.entry("positive", "positive"),
          Map.entry("positif", "positive"),
          Map.entry("positive detected", "positive"),
          Map.entry("detected", "positive"),
          Map.entry("detecte", "positive"),
          Map.entry("negative", "negative"),
          Map.entry("negatif", "negative"),
          Map.entry("not detected", "negative"),
          Map.entry("non detecte", "negative"),
          Map.entry("inconclusive", "inconclusive"),
          Map.entry("indeterminate", "inconclusive"),
          Map.entry("indetermine", "inconclusive"),
          Map.entry("equivocal", "inconclusive"),
          Map.entry("douteux", "inconclusive"),
          Map.entry("ininterpretable", "inconclusive"));

  /** The result for a code (any of the systems above), or null if the code is not known. */
  static @org.jspecify.annotations.Nullable String ofCode(String code) {
    return CODES.get(code.trim());
  }

  /** The result for a text, or null if the text is not known. */
  static @org.jspecify.annotations.Nullable String ofText(String text) {
    String t =
        Normalizer.normalize(text.trim(), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("\\s+", " ");
    return TEXT.get(t);
  }

  /**
   * The result for a code and its text: the code if known, else the text if known, else what was
   * given (the code, or the text when there is no code).
   */
  static String of(String code, String text) {
    String r = code.isBlank() ? null : ofCode(code);
    if (r == null && !text.isBlank()) {
      r = ofText(text);
    }
    if (r == null && !code.isBlank()) {
      r = ofText(code);
    }
    if (r != null) {
      return r;
    }
    return code.isBlank() ? text.trim() : code.trim();
  }
}
