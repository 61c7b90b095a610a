package io.valise.server.http;

import java.time.Duration;
import java.util.Map;

/**
 * A request the API refuses, with a stable {@link #code()} for clients and a message that is safe
 * to show them. The closed set of kinds lets {@link ProblemMapper} choose statuses with an
 * exhaustive switch.
 */
public abstract sealed class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  private ApiException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** The stable, machine-readable code (for example {@code not_age}). */
  public String code() {
    return code;
  }

  /** The request is malformed or asks for something impossible (400). */
  public static final class BadRequest extends ApiException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String code, String message) {
      super(code, message);
    }
  }

  /** No valid credentials (401). */
  public static final class Unauthorized extends ApiException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // an immutable Map.copyOf; ApiException is never serialised
    private final Map<String, String> headers;

    public Unauthorized(String code, String message) {
      this(code, message, Map.of());
    }

    /**
     * A refusal that also sends {@code headers}, for example a {@code Set-Cookie} that ends a
     * browser's session the server no longer honours.
     */
    public Unauthorized(String code, String message, Map<String, String> headers) {
      super(code, message);
      this.headers = Map.copyOf(headers);
    }

    /** The extra response headers, besides {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
      return headers;
    }
  }

  /** Authenticated, but not allowed to do this (403), for example an API token's scope. */
  public static final class Forbidden extends ApiException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String code, String message) {
      super(code, message);
    }
  }

  /** Not there, or not visible to the caller: the two are never told apart (404). */
  public static final class NotFound extends ApiException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super("not_found", message);
    }

    public NotFound(String code, String message) {
      super(code, message);
    }
  }

  /** The route exists but not with this method (405). */
  public static final class MethodNotAllowed extends ApiException {
    private static final long serialVersionUID = 1L;

    public MethodNotAllowed(String method) {
      super("method_not_allowed", "Method [" + method + "] is not allowed here");
    }
  }

  /** The request clashes with what is stored, for example a key published twice (409). */
  public static final class Conflict extends ApiException {
    private static final long serialVersionUID = 1L;

    public Conflict(String code, String message) {
      super(code, message);
    }
  }

  /** It existed but can no longer be used: expired or out of downloads (410). */
  public static final class Gone extends ApiException {
    private static final long serialVersionUID = 1L;

    public Gone(String code, String message) {
      super(code, message);
    }
  }

  /** The body is larger than the policy allows (413). */
  public static final class TooLarge extends ApiException {
    private static final long serialVersionUID = 1L;

    public TooLarge(String message) {
      super("too_large", message);
    }

    public TooLarge(String code, String message) {
      super(code, message);
    }
  }

  /** The range asked for is outside the file (416). */
  public static final class RangeNotSatisfiable extends ApiException {
    private static final long serialVersionUID = 1L;
    private final long length;

    public RangeNotSatisfiable(long length) {
      super("range_not_satisfiable", "The range is outside the file of " + length + " bytes");
      this.length = length;
    }

    public long length() {
      return length;
    }
  }

  /** The caller or its address is banned for a while (429 with Retry-After). */
  public static final class TooManyRequests extends ApiException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public TooManyRequests(Duration retryAfter) {
      super("banned", "Too many failed attempts; retry after " + retryAfter.toSeconds() + " s");
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }
}
