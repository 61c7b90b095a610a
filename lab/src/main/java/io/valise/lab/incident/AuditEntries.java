package io.valise.lab.incident;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads audit entries from JSON lines (the {@code valise audit export --format jsonl} file): one
 * flat JSON object of strings and integers per line, blank lines skipped, into an {@link
 * ExposureAssessor} one line at a time.
 */
public final class AuditEntries {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private AuditEntries() {}

  /**
   * Feeds every line of {@code in} to {@code assessor}.
   *
   * @return how many entries were read
   * @throws IncidentException naming the line if one is not a flat JSON object
   */
  public static long feed(BufferedReader in, ExposureAssessor assessor) throws IOException {
    long line = 0;
    long n = 0;
    for (String s = in.readLine(); s != null; s = in.readLine()) {
      line++;
      if (s.isBlank()) {
        continue;
      }
      assessor.accept(parse(s, line));
      n++;
    }
    return n;
  }

  /** One line as a map of keys to values (integers as decimal text). */
  static Map<String, String> parse(String s, long line) throws IncidentException {
    JsonNode node;
    try {
      node = JSON.readTree(s);
    } catch (IOException e) {
      throw new IncidentException("entries, line " + line + ": not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IncidentException("entries, line " + line + ": not a JSON object");
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      JsonNode v = f.getValue();
      if (v.isTextual()) {
        m.put(f.getKey(), v.textValue());
      } else if (v.isIntegralNumber()) {
        m.put(f.getKey(), v.bigIntegerValue().toString());
      } else {
        throw new IncidentException(
            "entries, line " + line + ": " + f.getKey() + " is not a string or an integer");
      }
    }
    return m;
  }
}
