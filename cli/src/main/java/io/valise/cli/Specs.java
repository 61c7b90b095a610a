package io.valise.cli;

import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** Small builders and readers over picocli's programmatic model, so commands read as tables. */
final class Specs {
  private Specs() {}

  /** A new subcommand model around {@code command}, with --help and --version. */
  static CommandSpec command(Command command, String name, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
    HelpOptions.addTo(spec.name(name)).version(Version.line());
    spec.usageMessage().description(description).sortOptions(false);
    spec.usageMessage().optionListHeading("%nOptions:%n").parameterListHeading("%nArguments:%n");
    return spec;
  }

  /** Adds an examples section (and more) after the options. */
  static void footer(CommandSpec spec, String... lines) {
    spec.usageMessage().footerHeading("%n").footer(lines);
  }

  static OptionSpec flag(String description, String... names) {
    return OptionSpec.builder(names).type(boolean.class).description(description).build();
  }

  static OptionSpec single(String label, String description, String... names) {
    return OptionSpec.builder(names)
        .type(String.class)
        .paramLabel(label)
        .arity("1")
        .description(description)
        .build();
  }

  static OptionSpec repeatable(String label, String description, String... names) {
    return OptionSpec.builder(names)
        .type(List.class)
        .auxiliaryTypes(String.class)
        .paramLabel(label)
        .arity("1")
        .description(description)
        .build();
  }

  static PositionalParamSpec optionalFile(String label, String description) {
    return PositionalParamSpec.builder()
        .index("0")
        .arity("0..1")
        .type(String.class)
        .paramLabel(label)
        .description(description)
        .build();
  }

  static boolean isSet(ParseResult parsed, String name) {
    return parsed.hasMatchedOption(name);
  }

  static @Nullable String value(ParseResult parsed, String name) {
    return parsed.hasMatchedOption(name) ? parsed.matchedOptionValue(name, "") : null;
  }

  static List<String> values(ParseResult parsed, String name) {
    return parsed.hasMatchedOption(name) ? parsed.matchedOptionValue(name, List.of()) : List.of();
  }

  static @Nullable String positional(ParseResult parsed) {
    return parsed.hasMatchedPositional(0) ? parsed.matchedPositionalValue(0, "") : null;
  }
}
