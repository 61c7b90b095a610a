package io.valise.server.api.share;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.share.ShareLink;
import io.valise.server.http.Json;

/** A share link as the API shows it to accounts; never its password hash. */
public final class LinkJson {
  private LinkJson() {}

  /** The link's JSON object. */
  public static ObjectNode describe(ShareLink l) {
    ObjectNode o = Json.object();
    o.put("id", l.id().text());
    o.put("path", "/s/" + l.id().text());
    o.put("createdAt", l.createdAt().toString());
    o.put("expiresAt", l.expiresAt().toString());
    if (l.maxDownloads() == null) {
      o.putNull("maxDownloads");
    } else {
      o.put("maxDownloads", l.maxDownloads());
    }
    o.put("downloads", l.downloads());
    o.put("passwordRequired", l.passwordHash() != null);
    o.put("revoked", l.revokedAt() != null);
    return o;
  }
}
