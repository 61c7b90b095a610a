package io.valise.client.api;

import java.io.IOException;

/**
 * The server refused a request: an RFC 9457 problem with its stable {@code code} (for example
 * {@code not_found}, {@code bad_credentials}) and a human message. The message names the status,
 * code and detail; it never holds a token or a secret, since the server never echoes them.
 */
public final class ApiProblem extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String detail;

  public ApiProblem(int status, String code, String detail) {
    super("server refused (" + status + " " + code + "): " + detail);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return detail;
  }
}
