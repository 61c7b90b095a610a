package io.valise.server.config;

import java.util.Set;

/**
 * The SFTP gateway's settings. Off unless {@code sftp.listen} is set.
 *
 * @param host the address to listen on
 * @param port the port; -1 when the gateway is off, 0 for any free port (tests)
 * @param clearIngress accounts (by name) whose uploads that are not age files are encrypted on
 *     arrival to the recipients' published keys; every other account's clear upload is refused
 * @param maxSessionsPerAccount SFTP sessions one account may hold at once
 */
public record SftpConfig(
    String host, int port, Set<String> clearIngress, int maxSessionsPerAccount) {
  /** Off; four sessions per account and no clear ingress once turned on. */
  public static final SftpConfig OFF = new SftpConfig("127.0.0.1", -1, Set.of(), 4);

  public SftpConfig {
    clearIngress = Set.copyOf(clearIngress);
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException("sftp.listen port [" + port + "] is out of range");
    }
    if (maxSessionsPerAccount < 1 || maxSessionsPerAccount > 1000) {
      throw new IllegalArgumentException("sftp.max-sessions-per-account must be 1 to 1000");
    }
  }

  /** Whether the gateway runs. */
  public boolean enabled() {
    return port >= 0;
  }
}
