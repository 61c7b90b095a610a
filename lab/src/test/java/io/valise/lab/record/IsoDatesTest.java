package io.valise.lab.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The fast date parsers give the JDK parser's value or its exception, message included. */
class IsoDatesTest {
  @Test
  void sameAsTheJdkParsers() {
    SplittableRandom random = new SplittableRandom(1);
    String[] fixed = {
      "2020-10-12T08:15:00+02:00",
      "2020-02-30T08:15:00+02:00",
      "2020-10-12T24:00:00+02:00",
      "2020-10-12T23:59:60Z",
      "2020-10-12T08:15:00-00:00",
      "2020-10-12T08:15:00+18:00",
      "2020-10-12T08:15:00+18:01",
      "2020-10-12T08:15:00+05:60",
      "2020-10-12t08:15:00+02:00",
      "2020-10-12T08:15+02:00",
      "0000-01-01T00:00:00+00:00",
      "2020-13-01T00:00:00+01:00",
      "2021-02-29",
      "2020-02-29",
      "2020-00-10",
      "1985-03-27",
      "985-03-27",
      "+1985-03-27"
    };
    for (String s : fixed) {
      check(s);
    }
    for (int i = 0; i < 20000; i++) {
      String s =
          String.format(
              "%04d-%02d-%02dT%02d:%02d:%02d%s%02d:%02d",
              random.nextInt(3000),
              random.nextInt(15),
              random.nextInt(34),
              random.nextInt(26),
              random.nextInt(62),
              random.nextInt(62),
              random.nextBoolean() ? "+" : "-",
              random.nextInt(20),
              random.nextInt(62));
      check(s);
      check(s.substring(0, 10));
    }
  }

  private static void check(String s) {
    assertEquals(outcome(OffsetDateTime::parse, s), outcome(IsoDates::offsetDateTime, s), s);
    assertEquals(outcome(LocalDate::parse, s), outcome(IsoDates::date, s), s);
  }

  private static String outcome(Function<String, Object> parse, String s) {
    try {
      return parse.apply(s).toString();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
