package io.valise.server.api.passkey;

import io.valise.server.config.WebConfig;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The relying party a passkey is bound to: its id (a host name) and the origins from which a
 * ceremony is accepted. Without {@code web.origin} these are the server's own address on loopback,
 * {@code http://localhost:PORT} and {@code http://127.0.0.1:PORT} with the port actually bound, and
 * the id {@code localhost} (WebAuthn refuses IP addresses as relying party ids).
 */
public final class RelyingParty {
  /** The name authenticators show. */
  public static final String NAME = "Valise";

  private final WebConfig config;
  private final IntSupplier port;

  /**
   * @param port the port the server listens on, asked for when a ceremony is checked (so that a
   *     server bound to port 0 knows its real one)
   */
  public RelyingParty(WebConfig config, IntSupplier port) {
    this.config = config;
    this.port = port;
  }

  /** The relying party id. */
  public String id() {
    return config.effectiveRpId();
  }

  /** The origins accepted in client data. */
  public Set<String> origins() {
    if (!config.origins().isEmpty()) {
      return new LinkedHashSet<>(config.origins());
    }
    int p = port.getAsInt();
    return new LinkedHashSet<>(java.util.List.of("http://localhost:" + p, "http://127.0.0.1:" + p));
  }
}
