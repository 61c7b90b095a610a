package io.valise.cli;

import io.valise.client.api.Member;
import io.valise.client.api.PublishedKey;
import io.valise.client.api.ValiseApi;
import io.valise.client.keys.Pins;
import io.valise.client.state.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code valise key list [NAME]}: the keys the server lists, and whether each is pinned here. */
final class KeyListCommand implements Command {
  private final CliEnv env;
  private final Remote remote;

  KeyListCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "list",
            "List the published keys of an account or group (yours without NAME) and their pin"
                + " state here: 'pinned', 'new' (will be pinned on first use) or 'CHANGED'"
                + " (refused until 'valise key trust NAME').");
    spec.addPositional(Specs.optionalFile("NAME", "An account or group; none: yourself."));
    Specs.footer(spec, "Examples:", "  valise key list", "  valise key list cpam-75");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    @Nullable String name = Specs.positional(parsed);
    Session s = remote.session();
    ValiseApi api = remote.api(s);
    List<Member> members =
        name == null
            ? List.of(new Member(s.account(), api.myKeys()))
            : api.directory(name).members();
    Pins pins = remote.pins();
    PrintStream out = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
    for (Member m : members) {
      if (m.keys().isEmpty()) {
        out.println(m.account() + "  (no published key)");
      }
      boolean known = !pins.pinned(s.server(), m.account()).isEmpty();
      List<String> changed = pins.changed(s.server(), m.account(), m.recipients());
      for (PublishedKey k : m.keys()) {
        String state = changed.contains(k.recipient()) ? "CHANGED" : known ? "pinned" : "new";
        out.println(
            String.join(
                "  ", m.account(), state, k.kind(), k.publishedAt().toString(), k.recipient()));
      }
    }
    return 0;
  }
}
