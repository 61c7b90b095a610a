package io.valise.lab.incident;

import java.time.Instant;

/** The incident's time window, {@code [from, to)}. */
public record Window(Instant from, Instant to) {
  /** Checks that {@code from} is before {@code to}. */
  public Window {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException(
          "the window's start " + from + " is not before its end " + to);
    }
  }

  /** True when {@code t} is in {@code [from, to)}. */
  public boolean contains(Instant t) {
    return !t.isBefore(from) && t.isBefore(to);
  }

  /** True when {@code [start, end)} meets this window ({@code end} null: still open). */
  public boolean overlaps(Instant start, @org.jspecify.annotations.Nullable Instant end) {
    return start.isBefore(to) && (end == null || end.isAfter(from));
  }

  @Override
  public String toString() {
    return "[" + from + ", " + to + ")";
  }
}
