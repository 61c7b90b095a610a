package io.valise.server.api.keydir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.audit.AuditRepository;
import io.valise.core.audit.AuditRepository.Indexed;
import io.valise.core.keydir.PublishedKey;
import io.valise.server.http.Json;
import java.util.Base64;
import java.util.Locale;

/**
 * A published key as the API shows it, with its {@code key.publish} audit entry ({@code log}, null
 * until sequenced), which a sender's client proves is in the log before encrypting to the key.
 */
public final class KeyJson {
  private final AuditRepository log;

  public KeyJson(AuditRepository log) {
    this.log = log;
  }

  public ObjectNode describe(PublishedKey k) {
    ObjectNode o = Json.object();
    o.put("id", k.id().text());
    o.put("recipient", k.recipient());
    o.put("kind", k.kind().name().toLowerCase(Locale.ROOT));
    o.put("publishedAt", k.publishedAt().toString());
    ObjectNode entry = null;
    for (Indexed e : log.about(k.id().text())) {
      JsonNode fields = Json.readTrusted(e.entry().toByteArray());
      if ("key.publish".equals(fields.path("type").asText())) {
        entry =
            Json.object()
                .put("index", e.index())
                .put("entry", Base64.getEncoder().encodeToString(e.entry().toByteArray()));
        break;
      }
    }
    o.set("log", entry);
    return o;
  }
}
