package io.valise.server.api.passkey;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.passkey.Passkey;
import io.valise.server.http.Json;
import java.time.Instant;
import java.util.Base64;

/**
 * A passkey as the API shows it to its owner: never its public key. The credential id and
 * transports are there so the owner's page can ask that exact passkey for its PRF output when it
 * unlocks a wrap; they are not secrets (the authenticator shows them to any page of the RP).
 */
final class PasskeyJson {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

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
    o.put("credentialId", BASE64URL.encodeToString(p.credentialId().toByteArray()));
    ArrayNode transports = o.putArray("transports");
    p.transports().forEach(transports::add);
    return o;
  }
}
