package io.valise.client.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A recipient key in the key directory: {@code {"id","recipient","kind","publishedAt","log"}}.
 *
 * @param log the key's {@code key.publish} entry in the audit log; null while it is not sequenced,
 *     or from a server without an audit log
 */
public record PublishedKey(
    String id, String recipient, String kind, Instant publishedAt, @Nullable LoggedEntry log) {

  /** A key without its log entry. */
  public PublishedKey(String id, String recipient, String kind, Instant publishedAt) {
    this(id, recipient, kind, publishedAt, null);
  }
}
