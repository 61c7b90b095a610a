package io.valise.server.retention;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.retention.AccountRetention;
import io.valise.core.retention.RetainedEnvelope;
import io.valise.core.retention.RetentionReport;
import io.valise.server.http.Json;

/**
 * The retention report as a JSON object:
 *
 * <pre>{@code
 * {"at":"...","totalBytes":N,
 *  "envelopes":[{"id","sender","recipients":[...],"size","createdAt","expiresAt",
 *                "downloads","maxDownloads"(null: no limit),"liveLinks"}],
 *  "accounts":[{"account","sent","sentBytes","received","receivedBytes",
 *               "earliestExpiry","latestExpiry"}]}
 * }</pre>
 *
 * Times are ISO-8601 instants in UTC.
 */
public final class RetentionJson {
  private RetentionJson() {}

  public static ObjectNode of(RetentionReport report) {
    ObjectNode root = Json.object();
    root.put("at", report.at().toString());
    root.put("totalBytes", report.totalBytes());
    ArrayNode envelopes = root.putArray("envelopes");
    for (RetainedEnvelope e : report.envelopes()) {
      ObjectNode o = envelopes.addObject();
      o.put("id", e.id().text());
      o.put("sender", e.sender());
      ArrayNode to = o.putArray("recipients");
      e.recipients().forEach(to::add);
      o.put("size", e.size());
      o.put("createdAt", e.createdAt().toString());
      o.put("expiresAt", e.expiresAt().toString());
      o.put("downloads", e.downloads());
      Integer max = e.maxDownloads();
      if (max == null) {
        o.putNull("maxDownloads");
      } else {
        o.put("maxDownloads", max.intValue());
      }
      o.put("liveLinks", e.liveLinks());
    }
    ArrayNode accounts = root.putArray("accounts");
    for (AccountRetention a : report.accounts()) {
      ObjectNode o = accounts.addObject();
      o.put("account", a.account());
      o.put("sent", a.sent());
      o.put("sentBytes", a.sentBytes());
      o.put("received", a.received());
      o.put("receivedBytes", a.receivedBytes());
      o.put("earliestExpiry", a.earliestExpiry().toString());
      o.put("latestExpiry", a.latestExpiry().toString());
    }
    return root;
  }
}
