package io.valise.server.http;

/**
 * Decides who is calling. The {@link HttpApi} calls it for every request that is not to a public
 * route, including requests to paths that match no route, so nothing is reachable by accident.
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * The caller of {@code exchange}.
   *
   * @throws ApiException.Unauthorized without valid credentials
   * @throws ApiException.TooManyRequests when the source is banned
   */
  Principal authenticate(Exchange exchange);
}
