package io.valise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.valise.client.api.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The export formats of {@code valise audit export}. */
class AuditExportFormatTest {
  private static LogEntry entry(String json) {
    return LogEntry.of(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void jsonLinesAddTheIndexAndKeepTheEntry() {
    assertEquals(
        "{\"index\":7,\"type\":\"ban\",\"v\":1}\n",
        AuditExportCommand.jsonLine(7, entry("{\"type\":\"ban\",\"v\":1}")));
    assertEquals("{\"index\":0}\n", AuditExportCommand.jsonLine(0, entry("{}")));
  }

  @Test
  void csvColumnsAreFixedThenAlphabetical() {
    List<String> columns =
        AuditExportCommand.columns(
            List.of(
                Map.of("v", "1", "type", "ban", "until", "x", "subject", "y"),
                Map.of("v", "1", "type", "envelope.upload", "envelope", "e")));
    assertEquals(
        List.of(
            "index",
            "time",
            "type",
            "actor",
            "actorName",
            "from",
            "via",
            "v",
            "envelope",
            "subject",
            "until"),
        columns);
  }

  @Test
  void csvCellsAreQuotedAndFormulasDefused() {
    assertEquals(
        "a,\"b,c\",\"say \"\"hi\"\"\",'=SUM(A1),'-1,\"x\ny\"\r\n",
        AuditExportCommand.csvLine(List.of("a", "b,c", "say \"hi\"", "=SUM(A1)", "-1", "x\ny")));
  }
}
