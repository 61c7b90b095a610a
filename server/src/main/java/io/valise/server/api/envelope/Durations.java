package io.valise.server.api.envelope;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them on a command line: {@code 90s}, {@code 30m}, {@code 12h}, {@code
 * 7d}.
 */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,5})([smhd])");

  private Durations() {}

  /**
   * Reads a duration.
   *
   * @throws IllegalArgumentException naming the bad text
   */
  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Duration [%s] must be a number and one of s, m, h, d (for example 7d)"
              .formatted(text.length() > 20 ? text.substring(0, 20) + "..." : text));
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
