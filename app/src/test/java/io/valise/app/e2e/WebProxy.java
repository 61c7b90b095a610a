package io.valise.app.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A reverse proxy in front of the real server that can change what it relays, as a compromised
 * proxy, CDN or server process would: the attack {@code valise verify-web} is there to catch. It
 * needs no hook in the server.
 */
final class WebProxy implements AutoCloseable {
  /** Changes a relayed body; {@code path} is the request's path. */
  @FunctionalInterface
  interface Rewrite {
    byte[] apply(String path, byte[] body) throws IOException;
  }

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final String upstream;
  private final Rewrite rewrite;

  WebProxy(String upstream, Rewrite rewrite) throws IOException {
    this.upstream = upstream;
    this.rewrite = rewrite;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::relay);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void relay(HttpExchange x) throws IOException {
    try (x) {
      URI u = x.getRequestURI();
      String target =
          upstream + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
      HttpResponse<byte[]> r;
      try {
        r =
            client.send(
                HttpRequest.newBuilder(URI.create(target)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      byte[] body = r.statusCode() == 200 ? rewrite.apply(u.getRawPath(), r.body()) : r.body();
      r.headers()
          .firstValue("Content-Type")
          .ifPresent(t -> x.getResponseHeaders().add("Content-Type", t));
      x.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
