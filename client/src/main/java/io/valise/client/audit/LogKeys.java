package io.valise.client.audit;

import io.valise.client.state.ClientHome;
import io.valise.tlog.note.NoteException;
import io.valise.tlog.note.NoteVerifier;
import java.io.IOException;
import java.util.Optional;

/**
 * The audit log key pinned for each server ({@code $VALISE_HOME/logkeys.json}): trusted on first
 * use (or given with {@code valise login --log-key}), and afterwards the only key whose checkpoints
 * this client accepts from that server.
 */
public final class LogKeys {
  public static final String NAME = "logkeys.json";

  private final ServerMap map;

  public LogKeys(ClientHome home) {
    this.map = new ServerMap(home, NAME);
  }

  /** The key pinned for {@code server}, if any. */
  public Optional<NoteVerifier> pinned(String server) throws IOException {
    Optional<String> text = map.get(server);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parse(text.get(), "the pinned log key of " + server));
  }

  /** Pins {@code key} for {@code server}, replacing any earlier pin. */
  public void pin(String server, NoteVerifier key) throws IOException {
    map.put(server, key.encode());
  }

  /**
   * The key to verify {@code server}'s log with, given the key it serves now: the pinned one if
   * they are the same; on first use the served one, pinned now.
   *
   * @throws LogKeyChangedException if another key is pinned
   * @throws AuditException if the served key is malformed
   */
  public NoteVerifier check(String server, String served) throws IOException {
    Optional<NoteVerifier> pinned = pinned(server);
    NoteVerifier now = parse(served, "the server's log key");
    if (pinned.isEmpty()) {
      pin(server, now);
      return now;
    }
    if (!pinned.get().equals(now)) {
      throw new LogKeyChangedException(server, pinned.get().encode(), now.encode());
    }
    return pinned.get();
  }

  /** Parses a note verifier key, naming {@code what} on failure. */
  public static NoteVerifier parse(String text, String what) throws AuditException {
    try {
      return NoteVerifier.parse(text.strip());
    } catch (NoteException | IllegalArgumentException e) {
      throw new AuditException(what + " is not a valid note verifier key: " + e.getMessage(), e);
    }
  }
}
