package io.valise.client.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.client.state.ClientHome;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A file of {@code $VALISE_HOME} holding one text per server: {@code {"servers":{"<url>":"..."}}},
 * mode 0600, replaced atomically ({@link ClientHome#write}).
 */
final class ServerMap {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClientHome home;
  private final String name;

  ServerMap(ClientHome home, String name) {
    this.home = home;
    this.name = name;
  }

  Optional<String> get(String server) throws IOException {
    return Optional.ofNullable(read().get(server));
  }

  void put(String server, String value) throws IOException {
    Map<String, String> all = read();
    all.put(server, value);
    ObjectNode root = JSON.createObjectNode();
    ObjectNode servers = root.putObject("servers");
    all.forEach(servers::put);
    home.write(name, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private Map<String, String> read() throws IOException {
    Map<String, String> out = new TreeMap<>();
    var bytes = home.read(name);
    if (bytes.isEmpty()) {
      return out;
    }
    JsonNode servers;
    try {
      servers = JSON.readTree(bytes.get()).get("servers");
    } catch (IOException e) {
      throw bad(String.valueOf(e.getMessage()));
    }
    if (servers == null || !servers.isObject()) {
      throw bad("no \"servers\" object");
    }
    for (var s : servers.properties()) {
      if (!s.getValue().isTextual()) {
        throw bad("the entry of " + s.getKey() + " is not a string");
      }
      out.put(s.getKey(), s.getValue().textValue());
    }
    return out;
  }

  private IOException bad(String why) {
    return new IOException(home.file(name) + ": not a valid state file (" + why + ")");
  }
}
