package io.valise.server.http;

import java.util.Map;

/**
 * An RFC 9457 problem detail: {@code type}, {@code title}, {@code status}, {@code detail}, plus the
 * stable {@code code} clients switch on. Never carries a stack trace.
 *
 * @param headers extra response headers (for example Retry-After)
 */
public record Problem(
    int status, String code, String title, String detail, Map<String, String> headers) {
  public Problem {
    headers = Map.copyOf(headers);
  }

  Problem(int status, String code, String title, String detail) {
    this(status, code, title, detail, Map.of());
  }

  /** A URI naming the problem type; stable, one per code. */
  public String type() {
    return "urn:valise:problem:" + code;
  }
}
