package io.valise.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;

/** One request and its response, as route handlers see them. Blocking, on a virtual thread. */
public final class Exchange {
  static final int MAX_JSON_BYTES = 64 * 1024;

  private final Request request;
  private final Response response;
  private final Map<String, String> params;
  private @Nullable Principal principal;
  private @Nullable Fields query;
  private int status = 200;

  Exchange(Request request, Response response, Map<String, String> params) {
    this.request = request;
    this.response = response;
    this.params = Map.copyOf(params);
  }

  /** A path parameter of the route template. */
  public String param(String name) {
    String v = params.get(name);
    if (v == null) {
      throw new IllegalStateException("No path parameter " + name);
    }
    return v;
  }

  /** A query parameter, or null. */
  public @Nullable String query(String name) {
    Fields q = query;
    if (q == null) {
      q = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
      query = q;
    }
    Fields.Field f = q.get(name);
    if (f != null && f.getValues().size() > 1) {
      throw new ApiException.BadRequest("bad_query", "Query parameter [" + name + "] repeated");
    }
    return f == null ? null : f.getValue();
  }

  /** A request header, or null. */
  public @Nullable String header(String name) {
    return request.getHeaders().get(name);
  }

  /** The request's declared body length, or -1. */
  public long contentLength() {
    return request.getLength();
  }

  /** The client's address. */
  public InetAddress remote() {
    SocketAddress a = request.getConnectionMetaData().getRemoteSocketAddress();
    if (a instanceof InetSocketAddress i && i.getAddress() != null) {
      return i.getAddress();
    }
    return InetAddress.getLoopbackAddress();
  }

  /** The request body, streamed. */
  public RequestBody body() {
    return new RequestBody(request);
  }

  /** The body as a JSON object with only the {@code allowed} keys (at most 64 KiB). */
  public ObjectNode jsonBody(Set<String> allowed) throws IOException {
    try (InputStream in = body()) {
      byte[] b = in.readNBytes(MAX_JSON_BYTES + 1);
      if (b.length > MAX_JSON_BYTES) {
        throw new ApiException.TooLarge("JSON bodies are limited to " + MAX_JSON_BYTES + " bytes");
      }
      return Json.parseObject(b, allowed);
    }
  }

  /** The authenticated caller; only on authenticated routes. */
  public Principal principal() {
    Principal p = principal;
    if (p == null) {
      throw new IllegalStateException("No principal on a public route");
    }
    return p;
  }

  /** The authenticated caller, or null on a public route. */
  public @Nullable Principal caller() {
    return principal;
  }

  void principal(Principal p) {
    this.principal = p;
  }

  /** Sends {@code node} as JSON with {@code status}. */
  public void json(int status, JsonNode node) throws IOException {
    send(status, "application/json", Json.write(node));
  }

  /** Sends a complete body. */
  public void send(int status, String contentType, byte[] body) throws IOException {
    this.status = status;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(body);
    }
  }

  /** Answers 204 No Content. */
  public void noContent() {
    this.status = 204;
    response.setStatus(204);
  }

  /** Adds a response header, keeping any of the same name (for {@code Set-Cookie}). */
  public void addResponseHeader(String name, String value) {
    response.getHeaders().add(name, value);
  }

  /** The request's {@code Host} header as the client sent it, or null. */
  public @Nullable String host() {
    return request.getHttpURI().getAuthority();
  }

  /** Sets a response header. */
  public void responseHeader(String name, String value) {
    response.getHeaders().put(name, value);
  }

  /**
   * Starts a streamed body of {@code length} bytes and returns where to write it. Each write blocks
   * until the socket took the buffer, so the caller may reuse or unmap it afterwards; native
   * buffers (a mapped file) go to the socket without a copy on the heap. Closing ends the body.
   */
  public WritableByteChannel stream(int status, String contentType, long length) {
    this.status = status;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
    return new WritableByteChannel() {
      private boolean open = true;

      @Override
      public int write(ByteBuffer b) throws IOException {
        if (!open) {
          throw new ClosedChannelException();
        }
        int n = b.remaining();
        Exchange.this.write(false, b);
        return n;
      }

      @Override
      public boolean isOpen() {
        return open;
      }

      @Override
      public void close() throws IOException {
        if (open) {
          open = false;
          Exchange.this.write(true, ByteBuffer.allocate(0));
        }
      }
    };
  }

  private void write(boolean last, ByteBuffer b) throws IOException {
    try (Blocker.Callback done = Blocker.callback()) {
      response.write(last, b, done);
      done.block();
    }
  }

  void problem(Problem p) throws IOException {
    response.reset();
    for (Map.Entry<String, String> h : p.headers().entrySet()) {
      response.getHeaders().put(new HttpField(h.getKey(), h.getValue()));
    }
    if (request.getLength() != 0 && !bodyDrained()) {
      // The body is left unread and the server drops the connection after this answer; saying so
      // up front stops a client from sending its next request down a closing socket.
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    ObjectNode body = Json.object();
    body.put("type", p.type());
    body.put("title", p.title());
    body.put("status", p.status());
    body.put("detail", p.detail());
    body.put("code", p.code());
    send(p.status(), "application/problem+json", Json.write(body));
  }

  /**
   * Reads what is left of a small body (see {@link BodyDrain}); never one the client is waiting for
   * leave to send ({@code Expect: 100-continue}), nor one declared larger than the drain's limit.
   */
  private boolean bodyDrained() {
    if (request.getHeaders().contains(HttpHeader.EXPECT, "100-continue")
        || request.getLength() > BodyDrain.LIMIT) {
      return false;
    }
    return BodyDrain.drain(request, BodyDrain.LIMIT, BodyDrain.WAIT);
  }

  boolean committed() {
    return response.isCommitted();
  }

  int status() {
    return status;
  }
}
