package io.valise.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * JSON on the tree model only: no binding to classes, so request data never picks a type. Parsing
 * is strict (duplicate keys and trailing data refused) and the request bodies it reads are small.
 */
public final class Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
          .build();

  private Json() {}

  /** A new empty object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Reads JSON the server itself wrote (an audit entry); malformed: IllegalStateException. */
  public static JsonNode readTrusted(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("Stored JSON is malformed: " + e.getMessage(), e);
    }
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write JSON", e);
    }
  }

  /**
   * Reads a JSON object whose keys are all in {@code allowed}.
   *
   * @throws ApiException.BadRequest naming an unknown key or a body that is not an object
   * @throws IOException for malformed JSON (mapped to {@code bad_json})
   */
  static ObjectNode parseObject(byte[] body, Set<String> allowed) throws IOException {
    JsonNode node = MAPPER.readTree(body);
    if (!(node instanceof ObjectNode o)) {
      throw new ApiException.BadRequest("bad_json", "The body must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> field : o.properties()) {
      String key = field.getKey();
      if (!allowed.contains(key)) {
        throw new ApiException.BadRequest("bad_json", "Unknown field [" + printable(key) + "]");
      }
    }
    return o;
  }

  /** A required string field. */
  public static String string(ObjectNode o, String field) {
    String v = optionalString(o, field);
    if (v == null) {
      throw new ApiException.BadRequest("bad_json", "Field [" + field + "] is required");
    }
    return v;
  }

  /** An optional string field. */
  public static @Nullable String optionalString(ObjectNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new ApiException.BadRequest("bad_json", "Field [" + field + "] must be a string");
    }
    return v.textValue();
  }

  public static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
