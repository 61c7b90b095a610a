package io.valise.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The entry bytes are the log's leaves: their exact form must never change for the same event. */
class AuditEventTest {
  private static final Instant TIME = Instant.parse("2026-01-02T03:04:05.678912Z");

  @Test
  void fieldsAreSortedTimesAreMillisecondsAndStringsAreEscaped() {
    AuditEvent e =
        AuditEvent.of("envelope.upload", TIME)
            .put("size", 4096L)
            .put("name", "a\"b\\c\u0001\u001f\u007f é 𝄞")
            .put("envelope", "kbphayy6gffmorzore5bhnjmcy")
            .put("gone", (String) null)
            .build();
    assertEquals(
        "{\"envelope\":\"kbphayy6gffmorzore5bhnjmcy\","
            + "\"name\":\"a\\\"b\\\\c\\u0001\\u001f\\u007f é 𝄞\","
            + "\"size\":4096,\"time\":\"2026-01-02T03:04:05.678Z\",\"type\":\"envelope.upload\","
            + "\"v\":1}",
        new String(e.entry(), StandardCharsets.UTF_8));
  }

  @Test
  void everyStringIsWrittenAsTheCharacterByCharacterEscapeWouldWriteIt() {
    // The plain-string shortcut must give the same bytes as escaping each character.
    String alphabet = "az09-_.:/ \"\\\u0000\u0008\n\u001f\u007f\u0080éß€";
    Random random = new Random(20261205);
    for (int n = 0; n < 5_000; n++) {
      StringBuilder value = new StringBuilder();
      int length = random.nextInt(12);
      boolean plainOnly = random.nextBoolean();
      for (int i = 0; i < length; i++) {
        value.append(alphabet.charAt(random.nextInt(plainOnly ? 9 : alphabet.length())));
      }
      String v = value.toString();
      byte[] entry = AuditEvent.of("t", TIME).put("k", v).build().entry();
      String expected =
          "{\"k\":"
              + reference(v)
              + ",\"time\":\"2026-01-02T03:04:05.678Z\",\"type\":\"t\",\"v\":1}";
      assertEquals(expected, new String(entry, StandardCharsets.UTF_8), "value " + reference(v));
    }
  }

  /** JSON string as docs/audit.md specifies it, one character at a time. */
  private static String reference(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
