package io.valise.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valise.cli.CliEnv;
import io.valise.cli.HelpOptions;
import io.valise.client.api.GroupInfo;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code valise admin group add|list|show|delete|member add|member remove}: groups of accounts,
 * either on a data directory (or the configured database) directly, or with {@code --remote}
 * through the API with the administrator session saved by {@code valise login}.
 */
final class GroupCommand {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODES =
      "Works on the data directory (or the database of --config) directly, safe while the server"
          + " runs; with --remote, through the API with the session of 'valise login'.";

  private final Map<String, String> environment;
  private final PrintStream out;
  private final Clock clock;
  private final SecureRandom random;

  private GroupCommand(
      Map<String, String> environment, PrintStream out, Clock clock, SecureRandom random) {
    this.environment = Map.copyOf(environment);
    this.out = out;
    this.clock = clock;
    this.random = random;
  }

  static CommandSpec spec() {
    return spec(System.getenv(), System.out, Clock.systemUTC(), new SecureRandom());
  }

  /** Wired to a run's environment, standard output, clock and random source. */
  static CommandSpec spec(CliEnv env) {
    return spec(
        env.environment(),
        new PrintStream(env.stdout(), true, StandardCharsets.UTF_8),
        env.clock(),
        env.random());
  }

  /**
   * With the caller's environment ({@code VALISE_HOME}, {@code HOME}...), output, clock and random
   * source (tests).
   */
  static CommandSpec spec(
      Map<String, String> environment, PrintStream out, Clock clock, SecureRandom random) {
    GroupCommand c = new GroupCommand(environment, out, clock, random);
    CommandSpec group = HelpOptions.addTo(CommandSpec.create().name("group"));
    group
        .usageMessage()
        .description(
            "Manage groups of accounts, which senders address by name (a group's name may not"
                + " be an account's). "
                + MODES)
        .footerHeading("%nExamples:%n")
        .footer(
            "  valise admin group add cpam-75 --data /var/lib/valise",
            "  valise admin group member add cpam-75 alice,bob --data /var/lib/valise",
            "  valise admin group list --remote          # after 'valise login' as an administrator");
    group.addSubcommand(
        "add",
        c.leaf(
            "add",
            "Create an empty group.",
            List.of("valise admin group add cpam-75", "valise admin group add ars-idf --remote"),
            c::add,
            "NAME",
            "Group name: 1 to 64 characters of a-z 0-9 . _ -, not an account's name"));
    CommandLine list =
        c.leaf(
            "list",
            "List the groups with their members, by name.",
            List.of("valise admin group list", "valise admin group list --remote --json"),
            c::list,
            null,
            "");
    json(list.getCommandSpec(), "Print {\"groups\":[{\"name\",\"members\",\"createdAt\"}]}.");
    group.addSubcommand("list", list);
    CommandLine show =
        c.leaf(
            "show",
            "Show one group and its members.",
            List.of("valise admin group show cpam-75", "valise admin group show cpam-75 --json"),
            c::show,
            "NAME",
            "Group name");
    json(show.getCommandSpec(), "Print {\"name\",\"members\",\"createdAt\"}.");
    group.addSubcommand("show", show);
    group.addSubcommand(
        "delete",
        c.leaf(
            "delete",
            "Delete a group and its memberships; the accounts stay and the name becomes free.",
            List.of("valise admin group delete cpam-75"),
            c::delete,
            "NAME",
            "Group name"));
    CommandSpec member = HelpOptions.addTo(CommandSpec.create().name("member"));
    member.usageMessage().description("Add accounts to a group or remove them from it.");
    member.addSubcommand(
        "add",
        c.memberLeaf(
            "add",
            "Add accounts to a group; one already a member stays one. An unknown group or"
                + " account changes nothing.",
            List.of(
                "valise admin group member add cpam-75 alice",
                "valise admin group member add cpam-75 alice,bob --remote"),
            true));
    member.addSubcommand(
        "remove",
        c.memberLeaf(
            "remove",
            "Remove accounts from a group (the accounts stay); one that is not a member is"
                + " ignored. An unknown group or account changes nothing.",
            List.of("valise admin group member remove cpam-75 bob"),
            false));
    group.addSubcommand("member", new CommandLine(member));
    return group;
  }

  /** What a leaf does with its parsed spec and the chosen backend. */
  @FunctionalInterface
  private interface Action {
    void run(CommandSpec spec, GroupAdmin groups) throws Exception;
  }

  /** A leaf command: its options and positionals, help with examples, and the backend choice. */
  private final class Leaf implements Callable<Integer> {
    private final Action action;
    private @Nullable CommandSpec spec;

    Leaf(Action action) {
      this.action = action;
    }

    @Override
    public Integer call() throws Exception {
      CommandSpec s = DataOptions.required(spec, "admin group");
      action.run(s, backend(s));
      out.flush();
      return 0;
    }
  }

  private CommandLine leaf(
      String name,
      String description,
      List<String> examples,
      Action action,
      @Nullable String positional,
      String positionalDescription) {
    Leaf leaf = new Leaf(action);
    CommandSpec spec = HelpOptions.addTo(CommandSpec.wrapWithoutInspection(leaf).name(name));
    leaf.spec = spec;
    spec.usageMessage()
        .description(description + " " + MODES)
        .footerHeading("%nExamples:%n")
        .footer(examples.stream().map(e -> "  " + e).toArray(String[]::new));
    if (positional != null) {
      spec.addPositional(
          PositionalParamSpec.builder()
              .index("0")
              .arity("1")
              .required(true)
              .paramLabel(positional)
              .type(String.class)
              .description(positionalDescription)
              .build());
    }
    spec.addOption(
        OptionSpec.builder("--remote")
            .arity("0")
            .type(boolean.class)
            .description(
                "Go through the API of the server of 'valise login' (state in $VALISE_HOME), as"
                    + " the administrator logged in there. Not with --data or --config.")
            .build());
    DataOptions.add(spec);
    return new CommandLine(spec);
  }

  private CommandLine memberLeaf(
      String name, String description, List<String> examples, boolean add) {
    CommandLine cl =
        leaf(
            name,
            description,
            examples,
            (s, groups) -> members(s, groups, add),
            "GROUP",
            "Group name");
    cl.getCommandSpec()
        .addPositional(
            PositionalParamSpec.builder()
                .index("1..*")
                .arity("1..*")
                .required(true)
                .paramLabel("ACCOUNT[,ACCOUNT...]")
                .type(List.class)
                .auxiliaryTypes(String.class)
                .description("Account names, separated by commas or spaces")
                .build());
    return cl;
  }

  private static void json(CommandSpec spec, String description) {
    spec.addOption(
        OptionSpec.builder("--json")
            .arity("0")
            .type(boolean.class)
            .description(description)
            .build());
  }

  /**
   * The local store, or the API with {@code --remote}.
   *
   * @throws ParameterException for {@code --remote} with {@code --data} or {@code --config}
   */
  private GroupAdmin backend(CommandSpec s) {
    boolean remote = Boolean.TRUE.equals(s.findOption("--remote").getValue());
    if (!remote) {
      return new GroupAdmin.Local(DataOptions.config(s), clock, random);
    }
    for (String option : List.of("--data", "--config")) {
      if (!s.findOption(option).originalStringValues().isEmpty()) {
        throw new ParameterException(
            s.commandLine(),
            "--remote goes through the API with the session of 'valise login' and takes no "
                + option);
      }
    }
    return GroupAdmin.Remote.of(environment);
  }

  private void add(CommandSpec s, GroupAdmin groups) throws Exception {
    GroupInfo g = groups.add(name(s));
    out.println("valise: created group " + g.name());
  }

  private void list(CommandSpec s, GroupAdmin groups) throws Exception {
    List<GroupInfo> all = groups.list();
    if (jsonWanted(s)) {
      ObjectNode o = JSON.createObjectNode();
      ArrayNode array = o.putArray("groups");
      all.forEach(g -> array.add(json(g)));
      out.println(o.toPrettyString());
      return;
    }
    if (all.isEmpty()) {
      out.println("no group");
      return;
    }
    String row = "%-24s  %-20s  %s%n";
    out.printf(Locale.ROOT, row, "GROUP", "CREATED", "MEMBERS");
    for (GroupInfo g : all) {
      out.printf(Locale.ROOT, row, g.name(), created(g), members(g));
    }
  }

  private void show(CommandSpec s, GroupAdmin groups) throws Exception {
    GroupInfo g = groups.show(name(s));
    if (jsonWanted(s)) {
      out.println(json(g).toPrettyString());
      return;
    }
    out.println("group    " + g.name());
    out.println("created  " + created(g));
    out.println("members  " + members(g));
  }

  private void delete(CommandSpec s, GroupAdmin groups) throws Exception {
    String name = name(s);
    groups.delete(name);
    out.println("valise: deleted group " + name);
  }

  private void members(CommandSpec s, GroupAdmin groups, boolean add) throws Exception {
    @Nullable List<String> given = s.positionalParameters().get(1).getValue();
    if (given == null) {
      throw new ParameterException(s.commandLine(), "ACCOUNT[,ACCOUNT...] is required");
    }
    List<String> accounts =
        given.stream()
            .flatMap(v -> Arrays.stream(v.split(",")))
            .map(String::strip)
            .filter(a -> !a.isEmpty())
            .distinct()
            .toList();
    if (accounts.isEmpty()) {
      throw new ParameterException(s.commandLine(), "no ACCOUNT given");
    }
    GroupInfo g = groups.members(name(s), accounts, add);
    out.println(
        "valise: group " + g.name() + " has " + g.members().size() + " member(s): " + members(g));
  }

  private static String name(CommandSpec s) {
    String name = s.positionalParameters().getFirst().getValue();
    if (name == null) {
      throw new ParameterException(
          s.commandLine(), s.positionalParameters().getFirst().paramLabel() + " is required");
    }
    return name;
  }

  private static boolean jsonWanted(CommandSpec s) {
    return Boolean.TRUE.equals(s.findOption("--json").getValue());
  }

  private static String created(GroupInfo g) {
    return g.createdAt().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String members(GroupInfo g) {
    return g.members().isEmpty() ? "-" : String.join(",", g.members());
  }

  private static ObjectNode json(GroupInfo g) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", g.name());
    ArrayNode members = o.putArray("members");
    g.members().forEach(members::add);
    o.put("createdAt", g.createdAt().toString());
    return o;
  }
}
