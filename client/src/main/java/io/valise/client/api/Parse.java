package io.valise.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.valise.tlog.merkle.Hash;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The server's JSON answers turned into records; a missing field is an {@link IOException}. */
final class Parse {
  private Parse() {}

  static String text(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IOException("unexpected answer from the server: no \"" + field + "\"");
    }
    return v.asText();
  }

  static Instant instant(JsonNode n, String field) throws IOException {
    try {
      return Instant.parse(text(n, field));
    } catch (DateTimeParseException e) {
      throw new IOException("unexpected answer from the server: bad time in \"" + field + "\"", e);
    }
  }

  static @Nullable Integer optionalInt(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asInt();
  }

  static PublishedKey key(JsonNode n) throws IOException {
    JsonNode log = n.get("log");
    return new PublishedKey(
        text(n, "id"),
        text(n, "recipient"),
        text(n, "kind"),
        instant(n, "publishedAt"),
        log == null || log.isNull() ? null : logged(log, "log"));
  }

  /** A string field that must be there and be a JSON string. */
  static String string(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IOException(
          "unexpected answer from the server: \"" + field + "\" is missing or not a string");
    }
    return v.textValue();
  }

  /** A non-negative integer field (an index or a tree size). */
  static long count(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
      throw new IOException(
          "unexpected answer from the server: \""
              + field
              + "\" is missing or not a non-negative integer");
    }
    return v.longValue();
  }

  /** A base64 string field, decoded. */
  static byte[] base64(JsonNode n, String field) throws IOException {
    return base64(string(n, field), field);
  }

  static byte[] base64(String text, String field) throws IOException {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "unexpected answer from the server: \"" + field + "\" is not valid base64", e);
    }
  }

  /** An array field of base64 SHA-256 hashes (a proof). */
  static List<Hash> hashes(JsonNode n, String field) throws IOException {
    JsonNode array = n.get(field);
    if (array == null || !array.isArray()) {
      throw new IOException(
          "unexpected answer from the server: \"" + field + "\" is missing or not an array");
    }
    List<Hash> out = new ArrayList<>();
    for (JsonNode h : array) {
      String where = field + "[" + out.size() + "]";
      if (!h.isTextual()) {
        throw new IOException(
            "unexpected answer from the server: \"" + where + "\" is not a string");
      }
      byte[] b = base64(h.textValue(), where);
      if (b.length != Hash.SIZE) {
        throw new IOException(
            "unexpected answer from the server: \""
                + where
                + "\" is "
                + b.length
                + " bytes, not a "
                + Hash.SIZE
                + "-byte hash");
      }
      out.add(Hash.of(b));
    }
    return out;
  }

  /** {@code {"index","entry"}}. */
  static LoggedEntry logged(JsonNode n, String field) throws IOException {
    if (!n.isObject()) {
      throw new IOException(
          "unexpected answer from the server: \"" + field + "\" is not an object");
    }
    return new LoggedEntry(count(n, "index"), LogEntry.of(base64(n, "entry")));
  }

  /** A receipt object, or null for JSON null or a missing field. */
  static @Nullable Receipt receipt(@Nullable JsonNode n) throws IOException {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new IOException("unexpected answer from the server: \"receipt\" is not an object");
    }
    return new Receipt(
        count(n, "index"),
        LogEntry.of(base64(n, "entry")),
        string(n, "checkpoint"),
        hashes(n, "proof"));
  }

  static List<PublishedKey> keys(@Nullable JsonNode array) throws IOException {
    List<PublishedKey> out = new ArrayList<>();
    if (array != null) {
      for (JsonNode k : array) {
        out.add(key(k));
      }
    }
    return out;
  }

  static Directory directory(JsonNode n) throws IOException {
    List<Member> members = new ArrayList<>();
    for (JsonNode m : n.path("members")) {
      members.add(new Member(text(m, "account"), keys(m.get("keys"))));
    }
    return new Directory(text(n, "name"), text(n, "type"), members);
  }

  static LinkInfo link(JsonNode n) throws IOException {
    return new LinkInfo(
        text(n, "id"),
        n.path("path").asText("/s/" + text(n, "id")),
        instant(n, "expiresAt"),
        optionalInt(n, "maxDownloads"),
        n.path("downloads").asInt(0),
        n.path("passwordRequired").asBoolean(false),
        n.path("revoked").asBoolean(false));
  }

  static EnvelopeInfo envelope(JsonNode n) throws IOException {
    List<String> to = new ArrayList<>();
    for (JsonNode r : n.path("recipients")) {
      to.add(r.asText());
    }
    List<LinkInfo> links = new ArrayList<>();
    for (JsonNode l : n.path("links")) {
      links.add(link(l));
    }
    return new EnvelopeInfo(
        text(n, "id"),
        text(n, "sender"),
        to,
        instant(n, "createdAt"),
        instant(n, "expiresAt"),
        optionalInt(n, "maxDownloads"),
        n.path("downloads").asInt(0),
        n.path("size").asLong(0),
        n.path("metadata").asText(""),
        links);
  }

  static List<EnvelopeInfo> envelopes(JsonNode n) throws IOException {
    List<EnvelopeInfo> out = new ArrayList<>();
    for (JsonNode e : n.path("envelopes")) {
      out.add(envelope(e));
    }
    return out;
  }

  static PublicLink publicLink(JsonNode n) throws IOException {
    return new PublicLink(
        text(n, "id"),
        instant(n, "expiresAt"),
        n.path("size").asLong(0),
        n.path("passwordRequired").asBoolean(false),
        n.path("metadata").asText(""));
  }

  static SshKeyInfo sshKey(JsonNode n) throws IOException {
    return new SshKeyInfo(
        string(n, "id"),
        string(n, "algorithm"),
        string(n, "fingerprint"),
        string(n, "comment"),
        instant(n, "addedAt"));
  }

  static List<SshKeyInfo> sshKeys(JsonNode n) throws IOException {
    JsonNode array = n.get("keys");
    if (array == null || !array.isArray()) {
      throw new IOException(
          "unexpected answer from the server: \"keys\" is missing or not an array");
    }
    List<SshKeyInfo> out = new ArrayList<>();
    for (JsonNode k : array) {
      out.add(sshKey(k));
    }
    return List.copyOf(out);
  }

  static GroupInfo group(JsonNode n) throws IOException {
    List<String> members = new ArrayList<>();
    JsonNode array = n.get("members");
    if (array == null || !array.isArray()) {
      throw new IOException("unexpected answer from the server: no \"members\"");
    }
    for (JsonNode m : array) {
      members.add(m.asText());
    }
    return new GroupInfo(text(n, "name"), members, instant(n, "createdAt"));
  }

  static List<GroupInfo> groups(JsonNode n) throws IOException {
    JsonNode array = n.get("groups");
    if (array == null || !array.isArray()) {
      throw new IOException("unexpected answer from the server: no \"groups\"");
    }
    List<GroupInfo> out = new ArrayList<>();
    for (JsonNode g : array) {
      out.add(group(g));
    }
    return out;
  }
}
