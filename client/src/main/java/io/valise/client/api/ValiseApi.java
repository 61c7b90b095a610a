package io.valise.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.age.secret.Passphrase;
import io.valise.client.state.BearerToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Valise HTTP API for a client (docs/server.md, "API"). Every name and id put into a URL is
 * checked against the server's own alphabet first, so nothing typed by the user can change the path
 * of a request.
 */
public final class ValiseApi {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final String OCTETS = "application/octet-stream";
  private static final String JSON_TYPE = "application/json";
  private static final String LINK_PASSWORD = "Valise-Link-Password";

  private final Http http;

  private ValiseApi(Http http) {
    this.http = http;
  }

  /** The API of the server at {@code base} (no trailing slash), with a session or API token. */
  public static ValiseApi authenticated(HttpClient client, String base, BearerToken token) {
    return new ValiseApi(new Http(client, base, token));
  }

  /** The public routes (health, login, share links) of the server at {@code base}. */
  public static ValiseApi anonymous(HttpClient client, String base) {
    return new ValiseApi(new Http(client, base, null));
  }

  /** The audit log's routes, with the same server and credentials. */
  public AuditApi audit() {
    return new AuditApi(http);
  }

  /** The answer to a login: the session token and when it ends. */
  public record Login(String account, BearerToken token, Instant expiresAt) {}

  public Login login(String name, Passphrase password, @Nullable String totp) throws IOException {
    ObjectNode body =
        Http.JSON.createObjectNode().put("name", name).put("password", reveal(password));
    if (totp != null) {
      body.put("totp", totp);
    }
    JsonNode r = http.json(post("/api/login", JSON_TYPE, Http.jsonBody(body)));
    return new Login(
        Parse.text(r, "account"),
        new BearerToken(Parse.text(r, "token")),
        Parse.instant(r, "expiresAt"));
  }

  public void logout() throws IOException {
    http.json(post("/api/logout", JSON_TYPE, BodyPublishers.noBody()));
  }

  public Me me() throws IOException {
    JsonNode r = http.json(get("/api/me"));
    Optional<List<PublishedKey>> keys =
        r.has("keys") ? Optional.of(Parse.keys(r.get("keys"))) : Optional.empty();
    return new Me(Parse.text(r, "account"), r.path("admin").asBoolean(false), keys);
  }

  /** My current keys: from {@code /api/me}, or the account's key list on older servers. */
  public List<PublishedKey> myKeys() throws IOException {
    Me me = me();
    return me.keys().isPresent() ? me.keys().get() : accountKeys(me.account());
  }

  /**
   * Publishes a recipient for my account.
   *
   * @throws ApiProblem {@code already_published} if it is already mine
   */
  public Published publishKey(String recipient) throws IOException {
    ObjectNode body = Http.JSON.createObjectNode().put("recipient", recipient);
    JsonNode r = http.json(post("/api/keys", JSON_TYPE, Http.jsonBody(body)));
    return new Published(Parse.key(r), Parse.receipt(r.get("receipt")));
  }

  public List<PublishedKey> accountKeys(String account) throws IOException {
    return Parse.keys(http.json(get("/api/accounts/" + segment(account) + "/keys")).get("keys"));
  }

  /** My SSH public keys for SFTP login, oldest first. */
  public List<SshKeyInfo> sshKeys() throws IOException {
    return Parse.sshKeys(http.json(get("/api/ssh-keys")));
  }

  /**
   * Registers an SSH public key for my account (needs a session, not an API token).
   *
   * @param line one line of a {@code .pub} file
   * @param comment the key's name; null: the comment on the line
   * @throws ApiProblem {@code bad_ssh_key} (the detail says why), {@code bad_comment}, {@code
   *     ssh_key_taken}, {@code too_many_ssh_keys}
   */
  public SshKeyInfo addSshKey(String line, @Nullable String comment) throws IOException {
    return Parse.sshKey(http.json(post("/api/ssh-keys", JSON_TYPE, sshKeyBody(line, comment))));
  }

  /**
   * Removes one of my SSH keys.
   *
   * @throws ApiProblem {@code not_found} if I have no key with this id
   */
  public void removeSshKey(String id) throws IOException {
    http.json(http.request("/api/ssh-keys/" + segment(id), Map.of()).DELETE().build());
  }

  /** An account's SSH keys (administrators only). */
  public List<SshKeyInfo> accountSshKeys(String account) throws IOException {
    return Parse.sshKeys(http.json(get("/api/accounts/" + segment(account) + "/ssh-keys")));
  }

  /** Registers an SSH key for an account (administrators only); refusals as {@link #addSshKey}. */
  public SshKeyInfo addAccountSshKey(String account, String line, @Nullable String comment)
      throws IOException {
    String path = "/api/accounts/" + segment(account) + "/ssh-keys";
    return Parse.sshKey(http.json(post(path, JSON_TYPE, sshKeyBody(line, comment))));
  }

  /** Removes one of an account's SSH keys (administrators only). */
  public void removeAccountSshKey(String account, String id) throws IOException {
    String path = "/api/accounts/" + segment(account) + "/ssh-keys/" + segment(id);
    http.json(http.request(path, Map.of()).DELETE().build());
  }

  private static HttpRequest.BodyPublisher sshKeyBody(String line, @Nullable String comment)
      throws IOException {
    ObjectNode body = Http.JSON.createObjectNode().put("publicKey", line);
    if (comment != null) {
      body.put("comment", comment);
    }
    return Http.jsonBody(body);
  }

  /**
   * What {@code name} stands for: an account or a group, with every member's keys.
   *
   * @throws ApiProblem {@code not_found} if there is no such account or group
   */
  public Directory directory(String name) throws IOException {
    return Parse.directory(http.json(get("/api/directory/" + segment(name))));
  }

  /**
   * Creates an empty group (administrators only).
   *
   * @throws ApiProblem {@code name_taken} if an account or a group has the name, {@code bad_name},
   *     {@code not_admin}
   */
  public GroupInfo createGroup(String name) throws IOException {
    ObjectNode body = Http.JSON.createObjectNode().put("name", name);
    return Parse.group(http.json(post("/api/groups", JSON_TYPE, Http.jsonBody(body))));
  }

  /** Every group, by name. */
  public List<GroupInfo> groups() throws IOException {
    return Parse.groups(http.json(get("/api/groups")));
  }

  /**
   * One group.
   *
   * @throws ApiProblem {@code not_found} if there is no such group
   */
  public GroupInfo group(String name) throws IOException {
    return Parse.group(http.json(get("/api/groups/" + segment(name))));
  }

  /** Deletes a group (administrators only); its accounts stay. */
  public void deleteGroup(String name) throws IOException {
    http.json(http.request("/api/groups/" + segment(name), Map.of()).DELETE().build());
  }

  /**
   * Adds ({@code add}) or removes an account as a member of a group (administrators only); doing it
   * twice is not an error.
   *
   * @throws ApiProblem {@code not_found} if the group or the account does not exist
   */
  public GroupInfo groupMember(String group, String account, boolean add) throws IOException {
    String path = "/api/groups/" + segment(group) + "/members/" + segment(account);
    HttpRequest.Builder r = http.request(path, Map.of());
    return Parse.group(http.json((add ? r.PUT(BodyPublishers.noBody()) : r.DELETE()).build()));
  }

  /**
   * Uploads the age file at {@code ageFile} to the accounts {@code to}; the answer carries the
   * receipt of the upload's audit entry when the server has sequenced it.
   */
  public Sent upload(
      Path ageFile,
      List<String> to,
      @Nullable String expires,
      @Nullable Integer maxDownloads,
      byte[] metadata)
      throws IOException {
    StringBuilder q = new StringBuilder("/api/envelopes?to=").append(names(to));
    if (expires != null) {
      q.append("&expires=").append(segment(expires));
    }
    if (maxDownloads != null) {
      q.append("&maxDownloads=").append(maxDownloads.intValue());
    }
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", OCTETS);
    if (metadata.length > 0) {
      headers.put("Valise-Metadata", Base64.getEncoder().encodeToString(metadata));
    }
    JsonNode answer = http.upload(q.toString(), headers, BodyPublishers.ofFile(ageFile));
    return new Sent(Parse.envelope(answer), Parse.receipt(answer.get("receipt")));
  }

  public EnvelopeInfo envelope(String id) throws IOException {
    return Parse.envelope(http.json(get("/api/envelopes/" + segment(id))));
  }

  public List<EnvelopeInfo> inbox() throws IOException {
    return Parse.envelopes(http.json(get("/api/inbox")));
  }

  public List<EnvelopeInfo> outbox() throws IOException {
    return Parse.envelopes(http.json(get("/api/outbox")));
  }

  /** The envelope's age header alone; does not count as a download. */
  public byte[] header(String id) throws IOException {
    return http.bytes(get("/api/envelopes/" + segment(id) + "/header"));
  }

  /** Streams the whole age file; counts as one download. */
  public Download download(String id) throws IOException {
    return download(
        http.request("/api/envelopes/" + segment(id) + "/file", Map.of()).GET().build());
  }

  /** Adds recipients with a re-wrapped header holding every stanza of the stored one. */
  public EnvelopeInfo addRecipients(String id, List<String> names, byte[] header)
      throws IOException {
    String path = "/api/envelopes/" + segment(id) + "/recipients?to=" + names(names);
    return Parse.envelope(http.json(post(path, OCTETS, BodyPublishers.ofByteArray(header))));
  }

  public EnvelopeInfo removeRecipient(String id, String account) throws IOException {
    String path = "/api/envelopes/" + segment(id) + "/recipients/" + segment(account);
    return Parse.envelope(http.json(http.request(path, Map.of()).DELETE().build()));
  }

  /** Withdraws the whole envelope: the server purges it at once. */
  public void withdraw(String id) throws IOException {
    http.json(http.request("/api/envelopes/" + segment(id), Map.of()).DELETE().build());
  }

  /** Creates a share link whose header holds one stanza for the link's own identity. */
  public LinkInfo createLink(
      String id,
      byte[] header,
      @Nullable String expires,
      @Nullable Integer maxDownloads,
      @Nullable Passphrase password)
      throws IOException {
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("header", Base64.getEncoder().encodeToString(header));
    if (expires != null) {
      body.put("expires", expires);
    }
    if (maxDownloads != null) {
      body.put("maxDownloads", maxDownloads);
    }
    if (password != null) {
      body.put("password", reveal(password));
    }
    String path = "/api/envelopes/" + segment(id) + "/links";
    return Parse.link(http.json(post(path, JSON_TYPE, Http.jsonBody(body))));
  }

  public void deleteLink(String id, String linkId) throws IOException {
    String path = "/api/envelopes/" + segment(id) + "/links/" + segment(linkId);
    http.json(http.request(path, Map.of()).DELETE().build());
  }

  /** The public facts of a share link (public route). */
  public PublicLink link(String linkId, @Nullable Passphrase password) throws IOException {
    return Parse.publicLink(
        http.json(
            http.request("/api/links/" + segment(linkId), linkHeaders(password)).GET().build()));
  }

  /** Streams a share link's age file (public route); counts as one use of the link. */
  public Download linkFile(String linkId, @Nullable Passphrase password) throws IOException {
    return download(
        http.request("/api/links/" + segment(linkId) + "/file", linkHeaders(password))
            .GET()
            .build());
  }

  private static Map<String, String> linkHeaders(@Nullable Passphrase password) {
    return password == null ? Map.of() : Map.of(LINK_PASSWORD, reveal(password));
  }

  /**
   * The text of a password, at the last moment: JSON bodies and HTTP headers are strings. Until
   * here it stays a redacted, wipeable {@link Passphrase}.
   */
  private static String reveal(Passphrase password) {
    byte[] utf8 = password.utf8();
    try {
      return new String(utf8, StandardCharsets.UTF_8);
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
  }

  private Download download(HttpRequest r) throws IOException {
    HttpResponse<InputStream> response = http.send(r);
    OptionalLong length = response.headers().firstValueAsLong("Content-Length");
    return new Download(response.body(), length);
  }

  private HttpRequest get(String path) {
    return http.request(path, Map.of()).GET().build();
  }

  private HttpRequest post(String path, String type, HttpRequest.BodyPublisher body) {
    return http.request(path, Map.of("Content-Type", type)).POST(body).build();
  }

  /** Checks that {@code s} is a name or id the server could have made, safe in a URL path. */
  public static String segment(String s) {
    if (!SEGMENT.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "not a valid name or id: \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"");
    }
    return s;
  }

  private static String names(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no recipient");
    }
    return String.join(",", names.stream().map(ValiseApi::segment).toList());
  }
}
