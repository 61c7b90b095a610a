package io.valise.server.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolicyRoutesTest {
  @Test
  void durationsAreIsoWithWholeDaysAsDays() {
    assertEquals("P7D", PolicyRoutes.iso(Duration.ofDays(7)));
    assertEquals("P30D", PolicyRoutes.iso(Duration.ofDays(30)));
    assertEquals("PT12H", PolicyRoutes.iso(Duration.ofHours(12)));
    assertEquals("P1DT12H", PolicyRoutes.iso(Duration.ofHours(36)));
    assertEquals("PT1M30S", PolicyRoutes.iso(Duration.ofSeconds(90)));
    for (Duration d :
        new Duration[] {Duration.ofDays(7), Duration.ofHours(36), Duration.ofSeconds(90)}) {
      assertEquals(d, Duration.parse(PolicyRoutes.iso(d)), "reads back");
    }
  }
}
