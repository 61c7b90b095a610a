package io.valise.client.envelope;

import java.util.Locale;

/**
 * Turns a file name chosen by a sender into one that is safe to create in the receiver's current
 * directory: the last path element only, no control or separator characters, not hidden, not {@code
 * .} or {@code ..}, not an option to another tool, at most 200 characters.
 */
public final class FileNames {
  private static final int MAX = 200;

  private FileNames() {}

  /** The safe form of {@code name}, or {@code fallback} when nothing usable is left. */
  public static String safe(String name, String fallback) {
    String base = name;
    int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
    if (slash >= 0) {
      base = base.substring(slash + 1);
    }
    StringBuilder b = new StringBuilder();
    base.codePoints()
        .forEach(
            c -> {
              boolean bad =
                  Character.isISOControl(c)
                      || c == ':'
                      || c == '\u2028'
                      || c == '\u2029'
                      || Character.getType(c) == Character.FORMAT;
              b.appendCodePoint(bad ? '_' : c);
            });
    String s = b.toString().strip();
    while (s.startsWith(".") || s.startsWith("-")) {
      s = s.substring(1);
    }
    if (s.length() > MAX) {
      int dot = s.lastIndexOf('.');
      String ext = dot > 0 && s.length() - dot <= 16 ? s.substring(dot) : "";
      s = s.substring(0, MAX - ext.length()) + ext;
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (s.isEmpty() || lower.equals(".") || lower.equals("..")) {
      return fallback;
    }
    return s;
  }
}
