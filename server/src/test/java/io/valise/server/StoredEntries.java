package io.valise.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.valise.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The audit entries a server stored, read from its database in append order. */
final class StoredEntries {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoredEntries() {}

  /** Every entry, sequenced or not, as its text. */
  static List<String> texts(ServerConfig c) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection conn = DriverManager.getConnection(c.database());
        PreparedStatement s =
            conn.prepareStatement("SELECT entry FROM audit_entry ORDER BY pending_id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new String(r.getBytes(1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** The entries of {@code type}, in append order. */
  static List<JsonNode> ofType(ServerConfig c, String type) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String e : texts(c)) {
      JsonNode n = JSON.readTree(e);
      if (n.get("type").asText().equals(type)) {
        out.add(n);
      }
    }
    return out;
  }
}
