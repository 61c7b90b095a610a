package io.valise.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, from a resource Maven fills in at build time. */
final class Version {
  private Version() {}

  /** {@code valise <version>}, or {@code valise (unknown version)} when run from raw sources. */
  static String line() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.startsWith("$")) {
          return "valise " + v;
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "valise (unknown version)";
  }
}
