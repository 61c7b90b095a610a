package io.valise.client.audit;

import io.valise.client.state.ClientHome;
import java.io.IOException;
import java.util.Optional;

/**
 * The latest checkpoint this client verified, per server ({@code $VALISE_HOME/checkpoints.json},
 * the signed note text as served): what every later checkpoint must extend. Written only by {@link
 * LogVerifier}, and only forwards.
 */
public final class CheckpointStore {
  public static final String NAME = "checkpoints.json";

  private final ServerMap map;

  public CheckpointStore(ClientHome home) {
    this.map = new ServerMap(home, NAME);
  }

  /** The stored note of {@code server}, if any. */
  public Optional<String> load(String server) throws IOException {
    return map.get(server);
  }

  /** Replaces the stored note of {@code server} (mode 0600, atomically). */
  public void save(String server, String note) throws IOException {
    map.put(server, note);
  }
}
