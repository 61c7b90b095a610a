package io.valise.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code -h/--help} and {@code -V/--version} options of every command, declared directly.
 * picocli's {@code mixinStandardHelpOptions} builds them by reflecting over an annotated mixin
 * through dynamic proxies, which costs tens of milliseconds on every start of a short-lived CLI.
 */
public final class HelpOptions {
  private HelpOptions() {}

  /** Adds the two options to {@code spec} and returns it. */
  public static CommandSpec addTo(CommandSpec spec) {
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build());
    return spec;
  }
}
