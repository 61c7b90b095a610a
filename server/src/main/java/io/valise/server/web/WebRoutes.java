package io.valise.server.web;

import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import io.valise.server.http.Route;
import io.valise.server.http.Route.Access;
import io.valise.web.WebBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The web app's routes, all public (the page itself holds no data; every call it makes is
 * authenticated): the one page at {@code /}, {@code /app/...} and {@code /s/ID}, the assets by
 * content-hashed name, and the service worker at {@code /sw.js}.
 */
public final class WebRoutes {
  /**
   * The page may run only its own script and style, talk only to this server, frame only its own
   * download worker, and be framed by no one. Trusted Types allow one policy, for the worker's URL.
   */
  static final String PAGE_CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
          + " connect-src 'self'; worker-src 'self'; frame-src 'self'; form-action 'self';"
          + " base-uri 'none'; frame-ancestors 'none'; require-trusted-types-for 'script';"
          + " trusted-types valise";

  /** The service worker fetches from this server and nothing else. */
  static final String WORKER_CSP = "default-src 'none'; connect-src 'self'";

  private static final byte[] NO_DOWNLOAD =
      "This download is not prepared: open it again from the Valise page.\n"
          .getBytes(StandardCharsets.UTF_8);

  private final WebBundle bundle;

  public WebRoutes(WebBundle bundle) {
    this.bundle = bundle;
  }

  public List<Route> routes() {
    return List.of(
        // Answered by the service worker; reaching the server means the worker was not running.
        new Route("GET", "/app/dl/{job}", Access.PUBLIC, this::noDownload),
        new Route("GET", "/", Access.PUBLIC, this::page),
        new Route("GET", "/app", Access.PUBLIC, this::page),
        new Route("GET", "/app/{page}", Access.PUBLIC, this::page),
        new Route("GET", "/app/{page}/{id}", Access.PUBLIC, this::page),
        new Route("GET", "/s/{id}", Access.PUBLIC, this::page),
        new Route("GET", "/assets/{file}", Access.PUBLIC, this::asset),
        new Route("GET", "/sw.js", Access.PUBLIC, this::worker));
  }

  private void page(Exchange ex) throws IOException {
    WebBundle.Asset index = bundle.index();
    ex.responseHeader("Content-Security-Policy", PAGE_CSP);
    ex.responseHeader("Cache-Control", "no-cache");
    ex.send(200, index.contentType(), index.bytes());
  }

  private void asset(Exchange ex) throws IOException {
    WebBundle.Asset a =
        bundle
            .asset("/assets/" + ex.param("file"))
            .orElseThrow(() -> new ApiException.NotFound("No such asset"));
    ex.responseHeader("Cache-Control", "public, max-age=31536000, immutable");
    ex.send(200, a.contentType(), a.bytes());
  }

  private void worker(Exchange ex) throws IOException {
    WebBundle.Asset sw = bundle.asset("/sw.js").orElseThrow();
    ex.responseHeader("Content-Security-Policy", WORKER_CSP);
    ex.responseHeader("Cache-Control", "no-cache");
    ex.send(200, sw.contentType(), sw.bytes());
  }

  private void noDownload(Exchange ex) throws IOException {
    ex.send(404, "text/plain; charset=utf-8", NO_DOWNLOAD);
  }
}
