package io.valise.server.http;

import com.fasterxml.jackson.core.JacksonException;
import io.valise.age.HeaderException;
import io.valise.age.PayloadException;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.StoreException;
import io.valise.core.tx.UnknownReferenceException;
import java.io.EOFException;
import java.util.Map;

/**
 * The one place where an exception becomes an HTTP status. Messages of the server's own exceptions
 * and of the age header parser describe the request, so they are shown; anything unexpected is a
 * generic 500 whose detail says nothing about the server's insides.
 */
public final class ProblemMapper {
  private ProblemMapper() {}

  /** The problem to send for {@code t}. */
  public static Problem map(Throwable t) {
    return switch (t) {
      case ApiException a -> api(a);
      case HeaderException h ->
          new Problem(
              400,
              "not_age",
              "Not an age file",
              "The upload is not an age file: " + h.getMessage());
      case PayloadException p ->
          new Problem(400, "bad_payload", "Impossible age payload", p.getMessage() + "");
      case EOFException e ->
          new Problem(400, "truncated", "Truncated body", "The request body ended early");
      case JacksonException j ->
          new Problem(400, "bad_json", "Malformed JSON", "The body is not the JSON expected");
      case UnknownReferenceException u ->
          new Problem(
              400, "unknown_reference", "Unknown reference", "A referenced record is missing");
      case ConflictException c ->
          new Problem(409, "conflict", "Conflict", "The request conflicts with stored data");
      case StoreException s ->
          new Problem(503, "store_unavailable", "Storage unavailable", "Try again later");
      default -> new Problem(500, "internal", "Internal error", "The server failed; it is logged");
    };
  }

  /** Exhaustive over the API's own refusals: a new kind does not compile until it has a status. */
  static Problem api(ApiException a) {
    String d = a.getMessage() + "";
    return switch (a) {
      case ApiException.BadRequest b -> new Problem(400, b.code(), "Bad request", d);
      case ApiException.Unauthorized u -> {
        Map<String, String> headers = new java.util.HashMap<>(u.headers());
        headers.put("WWW-Authenticate", "Bearer realm=\"valise\"");
        yield new Problem(401, u.code(), "Unauthorized", d, headers);
      }
      case ApiException.Forbidden f -> new Problem(403, f.code(), "Forbidden", d);
      case ApiException.NotFound n -> new Problem(404, n.code(), "Not found", d);
      case ApiException.MethodNotAllowed m -> new Problem(405, m.code(), "Method not allowed", d);
      case ApiException.Conflict c -> new Problem(409, c.code(), "Conflict", d);
      case ApiException.Gone g -> new Problem(410, g.code(), "Gone", d);
      case ApiException.TooLarge l -> new Problem(413, l.code(), "Content too large", d);
      case ApiException.RangeNotSatisfiable r ->
          new Problem(
              416,
              r.code(),
              "Range not satisfiable",
              d,
              Map.of("Content-Range", "bytes */" + r.length()));
      case ApiException.TooManyRequests m ->
          new Problem(
              429,
              m.code(),
              "Too many requests",
              d,
              Map.of("Retry-After", Long.toString(Math.max(1, m.retryAfter().toSeconds()))));
    };
  }
}
