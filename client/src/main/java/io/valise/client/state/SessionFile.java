package io.valise.client.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code session.json}: {@code {"server","account","token","expiresAt"}}, mode 0600. Written by
 * {@code valise login}, removed by {@code valise logout}.
 */
public final class SessionFile {
  public static final String NAME = "session.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClientHome home;

  public SessionFile(ClientHome home) {
    this.home = home;
  }

  /**
   * The stored session, if any.
   *
   * @throws IOException if the file exists but is not a session file
   */
  public Optional<Session> load() throws IOException {
    Optional<byte[]> bytes = home.read(NAME);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(bytes.get());
      return Optional.of(
          new Session(
              text(n, "server"),
              text(n, "account"),
              new BearerToken(text(n, "token")),
              Instant.parse(text(n, "expiresAt"))));
    } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
      throw new IOException(
          home.file(NAME) + ": not a valid session file; run 'valise login' again", e);
    }
  }

  public void save(Session s) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("server", s.server());
    n.put("account", s.account());
    n.put("token", s.token().reveal());
    n.put("expiresAt", s.expiresAt().toString());
    home.write(NAME, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
  }

  /** Removes the file; true if there was one. */
  public boolean delete() throws IOException {
    return home.delete(NAME);
  }

  private static String text(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IOException("missing " + field);
    }
    return v.asText();
  }
}
