package io.valise.server;

import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.ValiseServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * {@code valise serve --data DIR --listen 127.0.0.1:0} (and a database URL) for tests that need the
 * server in a process of its own (to kill it): the same composition root as the app's ServeCommand,
 * without the app module. Prints {@code port N} on stdout once it listens, then {@code sftp N} when
 * the system property {@code valise.test.sftpClearIngress} turns the SFTP gateway on (its value:
 * the accounts allowed clear ingress).
 */
final class ServeMain {
  private ServeMain() {}

  /** {@code DATA_DIR [JDBC_URL]}: the database is SQLite under the data directory unless named. */
  public static void main(String[] args) throws Exception {
    ServerConfig config = ServerConfig.defaults(Path.of(args[0])).withListen("127.0.0.1:0");
    if (args.length > 1) {
      config = config.withDatabase(args[1], null, null);
    }
    String sftpClear = System.getProperty("valise.test.sftpClearIngress");
    if (sftpClear != null) {
      config =
          config.withSftp(
              new io.valise.server.config.SftpConfig(
                  "127.0.0.1", 0, java.util.Set.of(sftpClear.split(",", -1)), 4));
    }
    ValiseServer server =
        ValiseServer.start(config, Clock.systemUTC(), new SecureRandom(), System.err);
    System.out.println("port " + server.port());
    if (server.sftpPort() >= 0) {
      System.out.println("sftp " + server.sftpPort());
    }
    System.out.flush();
    server.join();
  }
}
