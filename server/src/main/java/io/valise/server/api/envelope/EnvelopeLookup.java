package io.valise.server.api.envelope;

import io.valise.core.envelope.Envelope;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.id.EnvelopeId;
import io.valise.server.http.ApiException;
import io.valise.server.http.Exchange;
import java.time.Instant;

/**
 * Finds the envelope a route's {@code {id}} names, as the caller may see it: someone who is neither
 * sender nor recipient gets 404, exactly as for an id that does not exist.
 */
public final class EnvelopeLookup {
  private EnvelopeLookup() {}

  /** The envelope if the caller is its sender or a recipient. */
  public static Envelope visible(EnvelopeRepository envelopes, Exchange ex) {
    EnvelopeId id;
    try {
      id = EnvelopeId.parse(ex.param("id"));
    } catch (IllegalArgumentException e) {
      throw new ApiException.NotFound("No such envelope");
    }
    return envelopes
        .findVisibleTo(id, ex.principal().account())
        .orElseThrow(() -> new ApiException.NotFound("No such envelope"));
  }

  /** The envelope if the caller sent it; a recipient gets 403 {@code not_sender}. */
  public static Envelope sent(EnvelopeRepository envelopes, Exchange ex) {
    Envelope e = visible(envelopes, ex);
    if (!e.sender().equals(ex.principal().account())) {
      throw new ApiException.Forbidden("not_sender", "Only the sender may do this");
    }
    return e;
  }

  /** The envelope, if it can still be downloaded at {@code now}; 410 otherwise. */
  public static Envelope available(Envelope e, Instant now) {
    if (!e.availableAt(now)) {
      throw new ApiException.Gone(
          "unavailable", "The envelope has expired or has no downloads left");
    }
    return e;
  }
}
