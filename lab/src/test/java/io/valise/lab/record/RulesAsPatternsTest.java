package io.valise.lab.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written phone and email checks accept exactly what their patterns match. */
class RulesAsPatternsTest {
  @Test
  void phoneAndEmailAsThePatterns() {
    SplittableRandom random = new SplittableRandom(9);
    String phoneChars = "0123456789+ a";
    String emailChars = "ab.@ \t-\u000b_é";
    String[] fixed = {
      "", "0", "0123456789", "0023456789", "+33639981234", "+0336399812", "+1234567", "+12345678",
      "+123456789012345", "+1234567890123456", "a@b", "a@b.c", "@b.c", "a@.c", "a@b.", "a@b..c",
      "a.b@c.d.e", "a@b@c.d", "a b@c.d", "a@b.c\u000b", "a@b.c\f", "é@ü.fr"
    };
    for (String s : fixed) {
      check(s);
    }
    for (int i = 0; i < 200_000; i++) {
      check(word(random, phoneChars, 18));
      check(word(random, emailChars, 10));
    }
  }

  private static void check(String s) {
    assertEquals(RecordValidator.PHONE.matcher(s).matches(), RecordValidator.phone(s), s);
    assertEquals(RecordValidator.EMAIL.matcher(s).matches(), RecordValidator.email(s), s);
  }

  private static String word(SplittableRandom random, String chars, int max) {
    int n = random.nextInt(max);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(chars.charAt(random.nextInt(chars.length())));
    }
    return b.toString();
  }
}
