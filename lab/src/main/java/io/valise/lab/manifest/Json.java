package io.valise.lab.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The little JSON a manifest line needs: one object whose values are strings, whole numbers, {@code
 * null} or arrays of strings. Written compactly, read strictly (anything else is an error naming
 * the line).
 */
final class Json {
  private Json() {}

  /** A JSON string literal for {@code s}. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * Parses one line holding one flat object.
   *
   * @throws ManifestException naming {@code line} if it is not one
   */
  static Map<String, Object> object(String text, long line) throws ManifestException {
    Parser p = new Parser(text, line);
    Map<String, Object> out = p.object();
    p.end();
    return out;
  }

  private static final class Parser {
    private final String s;
    private final long line;
    private int i;

    Parser(String s, long line) {
      this.s = s;
      this.line = line;
    }

    Map<String, Object> object() throws ManifestException {
      expect('{');
      Map<String, Object> out = new LinkedHashMap<>();
      if (peek() == '}') {
        i++;
        return out;
      }
      while (true) {
        String key = string();
        expect(':');
        Object value = value();
        if (out.put(key, value) != null) {
          throw error("key " + key + " twice");
        }
        char c = next();
        if (c == '}') {
          return out;
        }
        if (c != ',') {
          throw error("expected , or }");
        }
      }
    }

    Object value() throws ManifestException {
      char c = peek();
      if (c == '"') {
        return string();
      }
      if (c == '[') {
        i++;
        List<String> list = new ArrayList<>();
        if (peek() == ']') {
          i++;
          return list;
        }
        while (true) {
          list.add(string());
          char d = next();
          if (d == ']') {
            return list;
          }
          if (d != ',') {
            throw error("expected , or ]");
          }
        }
      }
      if (s.startsWith("null", i)) {
        i += 4;
        return NULL;
      }
      int start = i;
      while (i < s.length()
          && (Character.isDigit(s.charAt(i)) || (i == start && s.charAt(i) == '-'))) {
        i++;
      }
      if (i == start) {
        throw error("expected a string, a whole number, null or a list of strings");
      }
      try {
        return Long.parseLong(s.substring(start, i));
      } catch (NumberFormatException e) {
        throw error("number out of range");
      }
    }

    String string() throws ManifestException {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c < 0x20) {
          throw error("control character in a string");
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw error("bad \\u escape");
            }
            try {
              b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            } catch (NumberFormatException x) {
              throw error("bad \\u escape");
            }
            i += 4;
          }
          default -> throw error("bad escape");
        }
      }
    }

    private void expect(char c) throws ManifestException {
      if (next() != c) {
        throw error("expected " + c);
      }
    }

    private char next() throws ManifestException {
      char c = peek();
      i++;
      return c;
    }

    private char peek() throws ManifestException {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      if (i >= s.length()) {
        throw error("unexpected end of line");
      }
      return s.charAt(i);
    }

    void end() throws ManifestException {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      if (i != s.length()) {
        throw error("text after the object");
      }
    }

    private ManifestException error(String what) {
      return new ManifestException(line, what);
    }
  }

  /** The value of a JSON {@code null}. */
  static final Object NULL = new Object();

  /** {@code v} when it is a string, else null. */
  static @Nullable String str(@Nullable Object v) {
    return v instanceof String s ? s : null;
  }
}
