package io.valise.server.api.passkey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.passkey.Passkey;
import io.valise.server.http.Json;
import java.time.Instant;

/** A passkey as the API shows it: never its credential id or public key. */
final class PasskeyJson {
  private PasskeyJson() {}

  static ObjectNode describe(Passkey p) {
    ObjectNode o = Json.object();
    o.put("id", p.id().text());
    o.put("name", p.name());
    o.put("createdAt", p.createdAt().toString());
    Instant used = p.lastUsedAt();
    if (used == null) {
      o.putNull("lastUsedAt");
    } else {
      o.put("lastUsedAt", used.toString());
    }
    o.put("prf", p.prf());
    return o;
  }
}
