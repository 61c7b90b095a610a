package io.valise.app;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logging for the whole process: one line per record on stderr, and only warnings from the
 * libraries (Jetty, Flyway, HikariCP), whose start-up chatter says nothing an operator needs; the
 * server prints its own one-line status.
 */
final class Logs {
  // Strong references: java.util.logging keeps loggers weakly, and would forget the levels.
  private static final Logger[] QUIETED = {
    Logger.getLogger("org.eclipse.jetty"),
    Logger.getLogger("org.flywaydb"),
    Logger.getLogger("com.zaxxer.hikari"),
  };

  private Logs() {}

  static void configure() {
    // Read by SimpleFormatter when it is first used, which is after this point.
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT%1$tz %4$s %3$s: %5$s%6$s%n");
    for (Logger l : QUIETED) {
      l.setLevel(Level.WARNING);
    }
  }
}
