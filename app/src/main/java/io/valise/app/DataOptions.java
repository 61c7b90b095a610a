package io.valise.app;

import io.valise.server.config.ConfigException;
import io.valise.server.config.ServerConfig;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The options that choose a data directory and a configuration file, shared by serve and admin. */
final class DataOptions {
  private DataOptions() {}

  static void add(CommandSpec spec) {
    spec.addOption(
        OptionSpec.builder("--data")
            .paramLabel("DIR")
            .type(String.class)
            .defaultValue("valise-data")
            .description("Data directory (database, blobs, secrets). Default: ./valise-data")
            .build());
    spec.addOption(
        OptionSpec.builder("--config")
            .paramLabel("FILE")
            .type(String.class)
            .description(
                "A key=value file: listen, database.url, database.user, database.password,"
                    + " expiry.default, expiry.max, upload.max-bytes. Unknown keys are errors.")
            .build());
  }

  static @Nullable String value(CommandSpec spec, String option) {
    OptionSpec o = spec.findOption(option);
    return o == null ? null : o.getValue();
  }

  /**
   * @throws IllegalArgumentException for a configuration that cannot be used
   */
  static ServerConfig config(CommandSpec spec) {
    String data = value(spec, "--data");
    ServerConfig c = ServerConfig.defaults(Path.of(data == null ? "valise-data" : data));
    String file = value(spec, "--config");
    try {
      return file == null ? c : c.withFile(Path.of(file));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The spec an admin command was built with.
   *
   * @throws IllegalStateException if the command was built without one
   */
  static CommandSpec required(@Nullable CommandSpec spec, String command) {
    if (spec == null) {
      throw new IllegalStateException(command + " has no spec");
    }
    return spec;
  }

  /**
   * The account name given as the first positional parameter of an admin command.
   *
   * @throws IllegalArgumentException if no name was given
   */
  static String accountName(CommandSpec spec) {
    String name = spec.positionalParameters().getFirst().getValue();
    if (name == null) {
      throw new IllegalArgumentException("NAME is required");
    }
    return name;
  }
}
