package io.valise.server.http;

import java.util.List;

/**
 * One API route: a method, a path template whose {@code {name}} segments capture one path segment
 * each, who may call it, and the handler.
 */
public record Route(String method, String template, Access access, Handler handler) {
  /** Who may call a route. Only health, metrics, the API document and login are public. */
  public enum Access {
    PUBLIC,
    AUTHENTICATED
  }

  /** What a route does with an exchange. */
  @FunctionalInterface
  public interface Handler {
    void handle(Exchange exchange) throws Exception;
  }

  List<String> segments() {
    return Router.split(template);
  }
}
