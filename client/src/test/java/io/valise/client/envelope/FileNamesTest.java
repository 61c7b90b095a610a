package io.valise.client.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FileNamesTest {
  @Test
  void onlyASafeBaseNameIsKept() {
    assertEquals("report.csv", FileNames.safe("report.csv", "f"));
    assertEquals("passwd", FileNames.safe("../../etc/passwd", "f"));
    assertEquals("evil.bat", FileNames.safe("C:\\Users\\x\\evil.bat", "f"));
    assertEquals("bashrc", FileNames.safe(".bashrc", "f"));
    assertEquals("rf", FileNames.safe("-rf", "f"));
    assertEquals("a_b", FileNames.safe("a\nb", "f"));
    assertEquals("a_b", FileNames.safe("a\u202eb", "f"));
    assertEquals("f", FileNames.safe("..", "f"));
    assertEquals("f", FileNames.safe("/", "f"));
    assertEquals("f", FileNames.safe("", "f"));
    assertEquals("résultats 2026.csv", FileNames.safe("résultats 2026.csv", "f"));
    String longName = FileNames.safe("a".repeat(500) + ".csv", "f");
    assertEquals(200, longName.length());
    assertTrue(longName.endsWith(".csv"));
  }
}
