package io.valise.app;

import io.valise.cli.HelpOptions;
import io.valise.server.config.ConfigException;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.ValiseServer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code valise serve [--data DIR] [--listen HOST:PORT] [--config FILE]}. */
final class ServeCommand implements Callable<Integer> {
  private @Nullable CommandSpec spec;

  private ServeCommand() {}

  static CommandSpec spec() {
    ServeCommand command = new ServeCommand();
    CommandSpec spec = HelpOptions.addTo(CommandSpec.wrapWithoutInspection(command).name("serve"));
    command.spec = spec;
    spec.usageMessage()
        .description(
            "Run the Valise server. Plain HTTP on loopback by default (127.0.0.1:7443); put a"
                + " TLS reverse proxy in front for anything else. SQLite and blobs under the data"
                + " directory unless the configuration names PostgreSQL.");
    DataOptions.add(spec);
    spec.addOption(
        OptionSpec.builder("--listen")
            .paramLabel("HOST:PORT")
            .type(String.class)
            .description("Address to listen on (overrides the configuration file).")
            .build());
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    CommandSpec s = spec;
    if (s == null) {
      throw new IllegalStateException("serve has no spec");
    }
    ServerConfig config = DataOptions.config(s);
    String listen = DataOptions.value(s, "--listen");
    if (listen != null) {
      try {
        config = config.withListen(listen);
      } catch (ConfigException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    ValiseServer server =
        ValiseServer.start(config, Clock.systemUTC(), new SecureRandom(), System.err);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "valise-shutdown"));
    System.err.println(
        "valise: listening on http://" + config.host() + ":" + server.port() + "/api/");
    server.join();
    return 0;
  }
}
