package io.valise.server.api.envelope;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.envelope.Envelope;
import io.valise.core.id.AccountId;
import io.valise.core.share.ShareRepository;
import io.valise.server.api.share.LinkJson;
import io.valise.server.http.Json;
import java.util.Base64;

/** An envelope as the API shows it; its share links only to its sender. */
public final class EnvelopeJson {
  private final AccountRepository accounts;
  private final ShareRepository shares;

  public EnvelopeJson(AccountRepository accounts, ShareRepository shares) {
    this.accounts = accounts;
    this.shares = shares;
  }

  /** The envelope's JSON object as {@code viewer} may see it. */
  public ObjectNode describe(Envelope e, AccountId viewer) {
    ObjectNode o = Json.object();
    o.put("id", e.id().text());
    o.put("sender", name(e.sender()));
    ArrayNode to = o.putArray("recipients");
    e.recipients().forEach(r -> to.add(name(r)));
    o.put("createdAt", e.createdAt().toString());
    o.put("expiresAt", e.expiresAt().toString());
    if (e.maxDownloads() == null) {
      o.putNull("maxDownloads");
    } else {
      o.put("maxDownloads", e.maxDownloads());
    }
    o.put("downloads", e.downloads());
    o.put("size", e.header().length() + e.payloadLength());
    o.put("metadata", Base64.getEncoder().encodeToString(e.metadata().toByteArray()));
    ArrayNode links = o.putArray("links");
    if (e.sender().equals(viewer)) {
      shares.forEnvelope(e.id()).forEach(l -> links.add(LinkJson.describe(l)));
    }
    return o;
  }

  private String name(AccountId id) {
    return accounts.find(id).map(Account::name).orElse(id.text());
  }
}
