package io.valise.client.web;

import java.io.IOException;

/**
 * What a server serves is not the web app release it claims: a file, the list, or the page's
 * integrity attribute differs. The message names the path, what was expected and what was got;
 * served text is shortened and stripped of control characters first.
 */
public final class WebMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String expected;
  private final String got;

  public WebMismatchException(String path, String what, String expected, String got) {
    super(path + ": " + what + " expected " + expected + ", got " + got);
    this.path = path;
    this.expected = expected;
    this.got = got;
  }

  /** The file (or {@code files.txt}, or {@code bundle}) that differs. */
  public String path() {
    return path;
  }

  public String expected() {
    return expected;
  }

  public String got() {
    return got;
  }

  /** The message, never null. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }
}
