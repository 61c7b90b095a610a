package io.valise.client.api;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body that counts the bytes the HTTP client has taken from it, so that an upload's
 * progress can be watched: the client takes more only as the connection drains.
 */
final class SendCount implements HttpRequest.BodyPublisher {
  private final HttpRequest.BodyPublisher body;
  private final AtomicLong sent = new AtomicLong();

  SendCount(HttpRequest.BodyPublisher body) {
    this.body = body;
  }

  /** The bytes taken so far. */
  long sent() {
    return sent.get();
  }

  @Override
  public long contentLength() {
    return body.contentLength();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    body.subscribe(
        new Flow.Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscriber.onSubscribe(s);
          }

          @Override
          public void onNext(ByteBuffer item) {
            sent.addAndGet(item.remaining());
            subscriber.onNext(item);
          }

          @Override
          public void onError(Throwable t) {
            subscriber.onError(t);
          }

          @Override
          public void onComplete() {
            subscriber.onComplete();
          }
        });
  }
}
