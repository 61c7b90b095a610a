package io.valise.client.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.client.state.ClientHome;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The keys this client trusts, per server and account ({@code pins.json}, trust on first use): an
 * object "servers" mapping each server URL to an object mapping each account to its list of pins
 * (recipient, firstSeen). An account seen for the first time has its keys pinned; afterwards a key
 * that is not pinned is a changed key, which the user must accept with {@code valise key trust
 * NAME} before anything is encrypted to it.
 *
 * <p>Not thread-safe: one command loads, changes and saves it.
 */
public final class Pins {
  public static final String NAME = "pins.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Map<String, List<Pin>>> servers;

  private Pins(Map<String, Map<String, List<Pin>>> servers) {
    this.servers = servers;
  }

  /** No pins at all. */
  public static Pins empty() {
    return new Pins(new TreeMap<>());
  }

  /**
   * Reads {@code pins.json} from {@code home}; empty if there is none.
   *
   * @throws IOException if it exists and is malformed (naming the file)
   */
  public static Pins load(ClientHome home) throws IOException {
    var bytes = home.read(NAME);
    if (bytes.isEmpty()) {
      return empty();
    }
    try {
      return parse(JSON.readTree(bytes.get()));
    } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
      throw new IOException(
          home.file(NAME)
              + ": not a valid pin file ("
              + e.getMessage()
              + "); fix or remove it (removing it forgets every pinned key)",
          e);
    }
  }

  private static Pins parse(JsonNode root) throws IOException {
    JsonNode all = root.get("servers");
    if (all == null || !all.isObject()) {
      throw new IOException("no \"servers\" object");
    }
    Map<String, Map<String, List<Pin>>> servers = new TreeMap<>();
    for (var server : all.properties()) {
      Map<String, List<Pin>> accounts = new TreeMap<>();
      for (var account : server.getValue().properties()) {
        List<Pin> pins = new ArrayList<>();
        for (JsonNode p : account.getValue()) {
          JsonNode r = p.get("recipient");
          JsonNode t = p.get("firstSeen");
          if (r == null || t == null) {
            throw new IOException("a pin of " + account.getKey() + " lacks recipient or firstSeen");
          }
          pins.add(new Pin(r.asText(), Instant.parse(t.asText())));
        }
        accounts.put(account.getKey(), pins);
      }
      servers.put(server.getKey(), accounts);
    }
    return new Pins(servers);
  }

  /** Writes {@code pins.json} (mode 0600, atomically). */
  public void save(ClientHome home) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode all = root.putObject("servers");
    servers.forEach(
        (server, accounts) -> {
          ObjectNode s = all.putObject(server);
          accounts.forEach(
              (account, pins) -> {
                ArrayNode a = s.putArray(account);
                for (Pin p : pins) {
                  a.addObject()
                      .put("recipient", p.recipient())
                      .put("firstSeen", p.firstSeen().toString());
                }
              });
        });
    home.write(NAME, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  /** The pinned keys of {@code account} on {@code server}, oldest first; empty if none. */
  public List<Pin> pinned(String server, String account) {
    return List.copyOf(servers.getOrDefault(server, Map.of()).getOrDefault(account, List.of()));
  }

  /**
   * The keys among {@code current} that are not pinned for an account that has pins: the changed
   * keys that must be refused. Empty when the account is new (first use) or every key is pinned.
   */
  public List<String> changed(String server, String account, List<String> current) {
    List<Pin> pins = pinned(server, account);
    if (pins.isEmpty()) {
      return List.of();
    }
    return current.stream()
        .filter(k -> pins.stream().noneMatch(p -> p.recipient().equals(k)))
        .toList();
  }

  /** Pins every key of {@code current} not pinned yet (first use, or one's own new key). */
  public void pin(String server, String account, List<String> current, Instant now) {
    List<Pin> pins =
        servers
            .computeIfAbsent(server, s -> new TreeMap<>())
            .computeIfAbsent(account, a -> new ArrayList<>());
    for (String k : current) {
      if (pins.stream().noneMatch(p -> p.recipient().equals(k))) {
        pins.add(new Pin(k, now));
      }
    }
  }

  /**
   * Accepts {@code current} as the account's keys: pins that are no longer current are dropped,
   * pins still current keep their first-seen time, new keys are pinned now.
   */
  public void trust(String server, String account, List<String> current, Instant now) {
    List<Pin> old = pinned(server, account);
    List<Pin> next = new ArrayList<>();
    for (String k : current) {
      next.add(
          old.stream().filter(p -> p.recipient().equals(k)).findFirst().orElse(new Pin(k, now)));
    }
    servers.computeIfAbsent(server, s -> new TreeMap<>()).put(account, next);
  }
}
